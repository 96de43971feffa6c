/** The byte-order marks that @sys/eoln recognises. */
export type Bom = 'utf8' | 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be';

/** What a buffer holds: its line endings, whether it is binary, its BOM. */
export interface Detection {
  crlf: number;
  lf: number;
  /** CR bytes not followed by LF. */
  cr: number;
  /** A NUL byte in the first 8000 bytes, as git decides. */
  binary: boolean;
  bom: Bom | undefined;
  /** The most frequent ending, or 'none' when there is no ending at all; ties go to LF. */
  style: 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';
}

const CR = 13;
const LF = 10;
/** git looks this far for a NUL byte before it calls a file binary. */
export const BINARY_SNIFF_BYTES = 8000;

/** Counts CRLF, LF and lone CR in a buffer and tells binary, BOM and the dominant style. */
export function detectBuffer(buf: Uint8Array): Detection {
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  // indexOf runs in native code: hop from CR to CR, then LF to LF.
  for (let i = buf.indexOf(CR); i !== -1; i = buf.indexOf(CR, i + 1)) {
    if (buf[i + 1] === LF) crlf++;
    else cr++;
  }
  for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) lf++;
  lf -= crlf;
  const sniff = buf.subarray(0, BINARY_SNIFF_BYTES);
  return { crlf, lf, cr, binary: sniff.includes(0), bom: bomOf(buf), style: styleOf(crlf, lf, cr) };
}

function styleOf(crlf: number, lf: number, cr: number): Detection['style'] {
  const kinds = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'crlf' : lf > 0 ? 'lf' : 'cr';
}

/** The byte-order mark at the start of `buf`, if any. */
export function bomOf(buf: Uint8Array): Bom | undefined {
  const [a, b, c, d] = buf;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf8';
  if (a === 0xff && b === 0xfe) return c === 0 && d === 0 ? 'utf32le' : 'utf16le';
  if (a === 0xfe && b === 0xff) return 'utf16be';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf32be';
  return undefined;
}
