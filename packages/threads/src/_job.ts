import { moduleUrl, OptionError } from '@sys/core';
import type { Target } from './target.js';

/** A target as it travels: the function's source text, or a module URL and export name. */
export type TargetSpec = { source: string } | { module: string; export: string };

/** Checks that a function can be rebuilt from its source: not native, not bound. */
export function sourceOf(fn: (...args: never[]) => unknown, what: string): string {
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}$/.test(source)) {
    throw new OptionError(
      what,
      'a native or bound function cannot be sent to a thread: pass a self-contained function',
    );
  }
  return source;
}

/** The wire form of a target. */
export function specOf(target: Target, what = 'target'): TargetSpec {
  if (typeof target === 'function') return { source: sourceOf(target, what) };
  if (typeof target === 'object' && target !== null && 'module' in target) {
    return { module: moduleUrl(target.module, `${what}.module`), export: target.export ?? 'default' };
  }
  throw new OptionError(what, 'must be a function or { module, export }');
}

// Code compiled by esbuild (tsx, vitest) with keepNames calls a `__name` helper that lives in
// the module the function came from; inside the worker it is given again.
const helpers = {
  __name: (target: object, value: string) => Object.defineProperty(target, 'name', { value, configurable: true }),
};

/**
 * Turns function source back into a function, in the worker's global scope. Method shorthand
 * (`run() {…}`, `async run() {…}`) is read as an object literal member.
 */
export function compile(source: string): (...args: unknown[]) => unknown {
  const build = (body: string) => new Function(...Object.keys(helpers), body)(...Object.values(helpers));
  try {
    return build(`return (${source});`);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const holder = build(`return ({ ${source} });`) as Record<string, (...args: unknown[]) => unknown>;
    return Object.values(holder)[0] as (...args: unknown[]) => unknown;
  }
}

/** Loads a target in the worker. */
export async function load(spec: TargetSpec): Promise<(...args: unknown[]) => unknown> {
  if ('source' in spec) return compile(spec.source);
  const fn = (await import(spec.module))[spec.export];
  if (typeof fn !== 'function')
    throw new OptionError('export', `${spec.module} has no function export '${spec.export}'`);
  return fn;
}
