import { DATA, WINDOW, wasmBytes } from './_simd-wasm.js';

/** The WebAssembly SIMD kernels, loaded once per thread; see _simd-wasm.ts. */
interface Kernel {
  memory: Uint8Array;
  toLf(ptr: number, len: number): number;
  count(ptr: number, len: number): [number, number, number];
}

/** Below this many bytes the copy in and out costs more than the JS path saves. */
export const SIMD_MIN = 256;

const CR = 13;
const LF = 10;
let kernel: Kernel | null | undefined;
let enabled = process.env.SYS_EOLN_SIMD !== '0';

/** What is used of the WebAssembly global (its types are not in this project's lib). */
interface Wasm {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

function load(): Kernel | null {
  const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;
  try {
    const bytes = wasmBytes();
    // Engines without SIMD (or without WebAssembly) reject the module: the JS path serves.
    if (wasm === undefined || !wasm.validate(bytes)) return null;
    const { exports } = new wasm.Instance(new wasm.Module(bytes));
    const memory = new Uint8Array((exports.memory as { buffer: ArrayBuffer }).buffer);
    return { memory, toLf: exports.toLf as Kernel['toLf'], count: exports.count as Kernel['count'] };
  } catch {
    return null;
  }
}

/** The kernels, or undefined where the engine has no WebAssembly SIMD or they are switched off. */
function simd(): Kernel | undefined {
  if (!enabled) return undefined;
  kernel ??= load();
  return kernel ?? undefined;
}

/** Switches the SIMD kernels on or off (tests compare both paths); returns whether they run. */
export function useSimd(on: boolean): boolean {
  enabled = on;
  return simd() !== undefined;
}

/**
 * Converts `src[from, to)` to LF into `dst` at `at` (dst may be src: the output never passes
 * the input) and returns where the output ends, or -1 when the kernels are off. `src[to - 1]`
 * must not be a CR, so every run of CRs is whole: a CR is dropped when its run ends in LF.
 */
export function compactToLf(src: Uint8Array, from: number, to: number, dst: Uint8Array, at: number): number {
  const k = simd();
  if (k === undefined) return -1;
  const { memory } = k;
  let start = from;
  while (start < to) {
    let end = Math.min(to, start + WINDOW);
    // A window must not end inside a run of CRs: its fate depends on the byte after the run.
    while (end > start && end < to && src[end - 1] === CR) end--;
    if (end === start) {
      // A window's worth of CRs: decide the run here, by the byte that ends it.
      end = runEnd(src, start, to);
      if (src[end] !== LF) dst.fill(CR, at, at + end - start);
      if (src[end] !== LF) at += end - start;
    } else {
      memory.set(src.subarray(start, end), DATA);
      const n = k.toLf(DATA, end - start);
      dst.set(memory.subarray(DATA, DATA + n), at);
      at += n;
    }
    start = end;
  }
  return at;
}

function runEnd(src: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to && src[i] === CR) i++;
  return i;
}

/** Counts of CR bytes, LF bytes and CR-LF pairs in `buf[from, to)`, or undefined when the kernels are off. */
export function countBytes(buf: Uint8Array, from: number, to: number): [number, number, number] | undefined {
  const k = simd();
  if (k === undefined) return undefined;
  const { memory } = k;
  let cr = 0;
  let lf = 0;
  let pairs = 0;
  for (let start = from; start < to; start += WINDOW) {
    const end = Math.min(to, start + WINDOW);
    memory.set(buf.subarray(start, end), DATA);
    memory.fill(0, DATA + end - start, DATA + end - start + 16);
    const [c, l, p] = k.count(DATA, end - start);
    cr += c;
    lf += l;
    pairs += p;
    if (end < to && buf[end - 1] === CR && buf[end] === LF) pairs++; // a pair split by the window
  }
  return [cr, lf, pairs];
}
