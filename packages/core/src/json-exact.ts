/** Deeper than this, JSON.stringify's recursion is not worth the risk: the caller's fallback takes it. */
const MAX_DEPTH = 64;

/**
 * True when JSON text carries `value` as a structured clone would: strings, booleans, null,
 * finite numbers other than -0, and arrays (without holes) and plain objects of those. The
 * rest (Map, Set, Date, BigInt, typed arrays, undefined, NaN, -0, cycles, deep nesting)
 * needs v8.serialize. JSON is the fast path: several times quicker for small values.
 */
export function isJsonExact(value: unknown): boolean {
  return exact(value, 0);
}

function exact(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !exact(value[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) if (!exact((value as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}
