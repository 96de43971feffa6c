/** `String(value)` that never throws: for a value with no prototype, a toString that throws, or a revoked Proxy. */
export function safeText(value: unknown): string {
  try {
    return String(value);
  } catch {}
  try {
    return Object.prototype.toString.call(value);
  } catch {
    return typeof value; // a revoked Proxy
  }
}
