import { DATA, SLOT, SLOTS, slotAt, WINDOW, wasmBytes } from './_simd-wasm.js';

/** The WebAssembly SIMD kernels, loaded once per thread; see _simd-wasm.ts. */
interface Kernel {
  memory: Uint8Array;
  toLf(ptr: number, len: number, out: number): [number, number, number, number];
  count(ptr: number, len: number): [number, number, number];
  /** The slots, each a Buffer over the kernels' memory; `lent` while a pump holds them. */
  slots: Buffer[];
  lent: boolean;
}

/** Running totals of CR bytes, LF bytes and CR-LF pairs, added to as bytes are converted. */
export interface Tally {
  cr: number;
  lf: number;
  pairs: number;
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
    // The memory never grows, so views of it stay valid for the life of the thread.
    const { buffer } = exports.memory as { buffer: ArrayBuffer };
    const slots = Array.from({ length: SLOTS }, (_, i) => Buffer.from(buffer, slotAt(i), SLOT));
    const [toLf, count] = [exports.toLf as Kernel['toLf'], exports.count as Kernel['count']];
    return { memory: new Uint8Array(buffer), toLf, count, slots, lent: false };
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
 * Buffers inside the kernels' memory for a file pump to read into: converted there in place,
 * nothing is copied into the kernel or out of it. Undefined when the kernels are off or another
 * pump holds them; `release` gives them back once no read or write uses them.
 */
export function lendSlots(): { slots: readonly Buffer[]; release(): void } | undefined {
  const k = simd();
  if (k === undefined || k.lent) return undefined;
  k.lent = true;
  const release = () => {
    k.lent = false;
  };
  return { slots: k.slots, release };
}

/** Adds a kernel call's counts to `tally` and returns the output length. */
function tallied([length, cr, lf, pairs]: [number, number, number, number], tally: Tally | undefined): number {
  if (tally) {
    tally.cr += cr;
    tally.lf += lf;
    tally.pairs += pairs;
  }
  return length;
}

/**
 * Converts `src[from, to)` to LF into `dst` at `at` (dst may be src: the output never passes
 * the input) and returns where the output ends, or -1 when the kernels are off; the input's
 * bytes are counted into `tally` on the way. `src[to - 1]` must not be a CR, so every run of
 * CRs is whole: a CR is dropped when its run ends in LF.
 */
export function compactToLf(
  src: Uint8Array,
  from: number,
  to: number,
  dst: Uint8Array,
  at: number,
  tally?: Tally,
): number {
  const k = simd();
  if (k === undefined) return -1;
  const { memory } = k;
  const out = dst.byteOffset + at;
  if (src.buffer === memory.buffer && dst.buffer === memory.buffer && out <= src.byteOffset + from) {
    // A slot: converted where it lies, in one call.
    return at + tallied(k.toLf(src.byteOffset + from, to - from, out), tally);
  }
  let start = from;
  while (start < to) {
    let end = Math.min(to, start + WINDOW);
    // A window must not end inside a run of CRs: its fate depends on the byte after the run.
    while (end > start && end < to && src[end - 1] === CR) end--;
    if (end === start) {
      // A window's worth of CRs: decide the run here, by the byte that ends it.
      end = runEnd(src, start, to);
      const dropped = src[end] === LF;
      if (tally) {
        tally.cr += end - start;
        if (dropped) tally.pairs++;
      }
      if (!dropped) {
        dst.fill(CR, at, at + end - start);
        at += end - start;
      }
    } else {
      memory.set(src.subarray(start, end), DATA);
      const n = tallied(k.toLf(DATA, end - start, DATA), tally);
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
