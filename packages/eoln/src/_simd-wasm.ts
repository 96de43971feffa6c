// The WebAssembly module behind the SIMD line-ending kernels, written out by hand: two small
// functions over one fixed memory, no imports, nothing fetched or built elsewhere. Each
// instruction is spelled with a named opcode below; WebAssembly.validate checks the encoding
// when the module loads, and the property tests check the behaviour against the JS path.
//
//   toLf(ptr, len, out) -> newLen, cr, lf, crlf
//                                 compacts mem[ptr, ptr+len) to LF into mem[out...] (out <= ptr:
//                                 in place or towards the front), dropping every CR whose run of
//                                 CRs ends in an LF, and counts the input's CR bytes, LF bytes
//                                 and CR-LF pairs on the way (no second pass to count).
//                                 mem[ptr+len-1] must not be a CR (the caller withholds a
//                                 trailing run).
//   count(ptr, len) -> cr, lf, crlf   counts of CR bytes, LF bytes and CR-LF pairs; the 16
//                                 bytes after the input must be zero (the caller clears them).

/** Byte offset of the first input byte in the module's memory. */
export const DATA = 1024;
/** The most bytes one copied-in call takes: the input window. */
export const WINDOW = 1 << 20;
/** Bytes of each slot a file is read straight into (and converted and written from, no copy). */
export const SLOT = 1 << 20;
/** How many slots: one being read into, one converted, one written. */
export const SLOTS = 3;
const PAGE = 0x10000;
/** Where slot i starts: after the table and the window (and the 16+ bytes read past its end), each slot a page apart from the next. */
export const slotAt = (i: number) => PAGE * (Math.ceil((DATA + WINDOW + 64) / PAGE) + i * (SLOT / PAGE + 1));
/** 64 KiB pages: the table, the window, the slots. Untouched pages cost no memory. */
const PAGES = slotAt(SLOTS) / PAGE;

const CR = 13;
const LF = 10;
const I32 = 0x7f;
const V128 = 0x7b;
const VOID = 0x40;
// Control and integer instructions.
const block = 0x02;
const loop = 0x03;
const if_ = 0x04;
const else_ = 0x05;
const end = 0x0b;
const br = 0x0c;
const br_if = 0x0d;
const get = 0x20;
const set = 0x21;
const tee = 0x22;
const load8 = [0x2d, 0, 0]; // i32.load8_u, align 1, offset 0
const store8 = [0x3a, 0, 0]; // i32.store8
const const_ = 0x41;
const eqz = 0x45;
const eq = 0x46;
const ne = 0x47;
const lt_u = 0x49;
const ge_u = 0x4f;
const ctz = 0x68;
const popcnt = 0x69;
const add = 0x6a;
const sub = 0x6b;
const shl = 0x74;
const shr_u = 0x76;
// SIMD instructions (0xfd prefix); memory ones take align and offset.
const load = (offset = 0) => [0xfd, 0x00, 0, offset]; // v128.load
const store = [0xfd, 0x0b, 0, 0]; // v128.store
const swizzle = [0xfd, 0x0e]; // i8x16.swizzle: pick lanes by index
const splat = [0xfd, 0x0f]; // i8x16.splat
const eq8 = [0xfd, 0x23]; // i8x16.eq: 0xff where equal
const and = [0xfd, 0x4e]; // v128.and
const anyTrue = [0xfd, 0x53]; // v128.any_true
const bitmask = [0xfd, 0x64]; // i8x16.bitmask: lane i -> bit i

/** `i32.const n` for the small non-negative constants used here (one LEB128 byte). */
const n = (value: number) => [const_, value];
const inc = (local: number, by: number) => [get, local, ...n(by), add, set, local];

// toLf: params 0 ptr, 1 len, 2 out.
const [r, w, stop, last, m, j, dropped, nCr, nLf, nPair] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]; // i32 locals
const [v, cr, next, crs, lfs] = [13, 14, 15, 16, 17]; // v128 locals
/** Adds the set lanes of a comparison's mask to an i32 local. */
const popAdd = (local: number) => [...bitmask, popcnt, get, local, add, set, local];
const countLfs = [get, v, get, lfs, ...eq8, ...popAdd(nLf)];
const toLf = [
  [2, 10, I32, 5, V128], // locals: 10 i32, then 5 v128
  [get, 0, set, r, get, 2, set, w, get, 0, get, 1, add, set, stop],
  [...n(CR), ...splat, set, crs, ...n(LF), ...splat, set, lfs],
  [loop, VOID], // $main: 16 bytes a turn while there are 16
  [block, VOID], // $scalar: a break lands on the byte-at-a-time loop, up to `last`
  [get, stop, get, r, sub, ...n(16), lt_u, if_, VOID, get, stop, set, last, br, 1, end],
  [get, r, ...load(), tee, v, get, crs, ...eq8, tee, cr, ...anyTrue, eqz],
  [if_, VOID, ...countLfs, get, w, get, v, ...store, ...inc(w, 16), ...inc(r, 16), br, 2, end], // no CR: copy as is
  [get, r, ...load(1), set, next], // each lane's following byte
  // A CR before a CR: runs are rare, and the scalar loop decides (and counts) a whole run at once.
  [get, cr, get, next, get, crs, ...eq8, ...and, ...anyTrue],
  [if_, VOID, get, r, ...n(16), add, set, last, br, 1, end],
  [...countLfs, get, cr, ...popAdd(nCr)],
  // Lanes to drop: CR before LF, one CR-LF pair each. Remove them one at a time with a shuffle
  // from the table at mem[16k] that closes the gap at lane k; the lanes above move down one.
  [get, cr, get, next, get, lfs, ...eq8, ...and, ...bitmask, tee, m, popcnt, get, nPair, add, set, nPair],
  [...n(0), set, dropped],
  [block, VOID, loop, VOID, get, m, eqz, br_if, 1],
  [get, m, ctz, set, j, get, v, get, j, ...n(4), shl, ...load(), ...swizzle, set, v],
  [get, m, get, j, ...n(1), add, shr_u, get, j, shl, set, m, ...inc(dropped, 1), br, 0, end, end],
  [get, w, get, v, ...store, get, w, ...n(16), add, get, dropped, sub, set, w, ...inc(r, 16)],
  [br, 1, end], // back to $main
  // Byte at a time from r to `last`; a CR starts a run that is kept or dropped whole.
  [block, VOID, loop, VOID, get, r, get, last, ge_u, br_if, 1],
  [get, r, ...load8, tee, m, ...n(CR), ne],
  [if_, VOID, get, m, ...n(LF), eq, get, nLf, add, set, nLf],
  [get, w, get, m, ...store8, ...inc(w, 1), ...inc(r, 1), br, 1, end],
  // j: the first byte after the run (the input's last byte is no CR, so it is inside).
  [get, r, set, j, loop, VOID, get, j, ...n(1), add, tee, j, ...load8, ...n(CR), eq, br_if, 0, end],
  [get, j, get, r, sub, get, nCr, add, set, nCr],
  [get, j, ...load8, ...n(LF), eq, if_, VOID, ...inc(nPair, 1), get, j, set, r, else_],
  [loop, VOID, get, w, ...n(CR), ...store8, ...inc(w, 1), ...inc(r, 1), get, r, get, j, lt_u, br_if, 0, end],
  [end, br, 0, end, end],
  [get, r, get, stop, lt_u, br_if, 0, end], // more left: back to $main
  [get, w, get, 2, sub, get, nCr, get, nLf, get, nPair, end],
].flat();

// count: params 0 ptr, 1 len.
const [at, limit, cCr, cLf, cPair] = [2, 3, 4, 5, 6]; // i32 locals
const [bytes, isCr, crv, lfv] = [7, 8, 9, 10]; // v128 locals
const count = [
  [2, 5, I32, 4, V128],
  [get, 0, set, at, get, 0, get, 1, add, set, limit],
  [...n(CR), ...splat, set, crv, ...n(LF), ...splat, set, lfv],
  [block, VOID, loop, VOID, get, at, get, limit, ge_u, br_if, 1],
  [get, at, ...load(), tee, bytes, get, crv, ...eq8, tee, isCr, ...popAdd(cCr)],
  [get, bytes, get, lfv, ...eq8, ...popAdd(cLf)],
  [get, isCr, get, at, ...load(1), get, lfv, ...eq8, ...and, ...popAdd(cPair)],
  [...inc(at, 16), br, 0, end, end],
  [get, cCr, get, cLf, get, cPair, end],
].flat();

/** Table entry k: the lane indexes that drop lane k and shift the lanes above it down. */
function shuffles(): number[] {
  const table: number[] = [];
  for (let k = 0; k < 16; k++)
    for (let lane = 0; lane < 16; lane++) table.push(Math.min(lane < k ? lane : lane + 1, 15));
  return table;
}

/** Unsigned LEB128, as every count and size in the binary format is written. */
function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const name = (text: string) => [...leb(text.length), ...Buffer.from(text)];

/** The module's bytes. */
export function wasmBytes(): Uint8Array {
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(
      1,
      vec([
        [0x60, 3, I32, I32, I32, 4, I32, I32, I32, I32],
        [0x60, 2, I32, I32, 3, I32, I32, I32],
      ]),
    ), // types
    ...section(3, vec([[0], [1]])), // function i has type i
    ...section(5, vec([[0x01, ...leb(PAGES), ...leb(PAGES)]])), // memory: fixed, never grows
    ...section(
      7,
      vec([
        [...name('memory'), 2, 0],
        [...name('toLf'), 0, 0],
        [...name('count'), 0, 1],
      ]),
    ),
    ...section(10, vec([toLf, count].map((body) => [...leb(body.length), ...body]))),
    ...section(11, vec([[0, const_, 0, end, ...vec(shuffles().map((b) => [b]))]])), // table at 0
  ]);
}
