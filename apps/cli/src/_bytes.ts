import { readdirSync } from 'node:fs';

function sequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const [lo, hi] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [lo, hi] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Bytes of a name as text, losslessly: valid UTF-8 is decoded, every other byte becomes the
 * lone surrogate U+DC00+byte (Python's surrogateescape). JSON.stringify then writes it as
 * `\udcff`, and quoteName as `\xff`.
 */
export function decodeName(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      out += Buffer.from(bytes.buffer, bytes.byteOffset + i, n).toString('utf8');
      i += n;
    } else {
      out += String.fromCharCode(0xdc00 + (bytes[i] as number));
      i++;
    }
  }
  return out;
}

/**
 * True when `text` has no lone surrogate: String#isWellFormed, which Node has since 20 and the
 * ES2023 typings lack. `sys find` asks it of every path it prints, and the engine's own check
 * costs a fraction of a regular expression's.
 */
export function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Directories read as bytes during this run (names are looked up before anything is renamed). */
const listings = new Map<string, Buffer[]>();

/** Forgets the directories read so far: a new run must not trust what an earlier one saw. */
export function forgetListings(): void {
  listings.clear();
}

function namesIn(dir: Buffer): Buffer[] {
  const key = dir.toString('latin1');
  let names = listings.get(key);
  if (!names) {
    if (listings.size > 64) listings.clear();
    try {
      names = readdirSync(dir, { encoding: 'buffer' });
    } catch {
      names = [];
    }
    listings.set(key, names);
  }
  return names;
}

/**
 * The bytes of an absolute path that @sys/find reported as text. A name that is not UTF-8
 * comes back with U+FFFD in it; its directory is read again as bytes to find the name
 * itself, so it can be printed as it is on disk (as GNU find and fd do).
 */
export function rawPath(path: string): Buffer {
  if (!path.includes('\uFFFD')) return Buffer.from(path);
  const parts = path.split('/');
  let bytes: Buffer = Buffer.from(parts[0] ?? '');
  for (const part of parts.slice(1)) {
    let name: Buffer = encodeName(part);
    if (part.includes('\uFFFD')) {
      const matches = namesIn(bytes.length ? bytes : Buffer.from('/')).filter((n) => n.toString('utf8') === part);
      if (matches.length === 1) name = matches[0] as Buffer;
    }
    bytes = Buffer.concat([bytes, Buffer.from('/'), name]);
  }
  return bytes;
}

/**
 * Every file an absolute path from @sys/find may stand for, as bytes: several when its last
 * name shows as the same text as others (`a\xff`, `a\xfe` and a literal `a\uFFFD` all show as
 * `a\uFFFD`), in the directory's order, where rawPath has to guess.
 */
export function rawPaths(path: string): Buffer[] {
  const slash = path.lastIndexOf('/');
  const last = path.slice(slash + 1);
  const dir = rawPath(path.slice(0, slash) || '/');
  const inDir = (name: Buffer) => Buffer.concat([dir, Buffer.from(dir.at(-1) === 0x2f ? '' : '/'), name]);
  const matches = last.includes('\uFFFD') ? namesIn(dir).filter((n) => n.toString('utf8') === last) : [];
  return matches.length > 0 ? matches.map(inDir) : [inDir(encodeName(last))];
}

/** The bytes `decodeName` made `name` from: lone surrogates U+DC80..U+DCFF become their byte again. */
export function encodeName(name: string): Buffer {
  if (isWellFormed(name)) return Buffer.from(name);
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    const lone = code >= 0xdc80 && code <= 0xdcff && !(i > 0 && (name.charCodeAt(i - 1) & 0xfc00) === 0xd800);
    if (!lone) continue;
    parts.push(Buffer.from(name.slice(start, i)), Buffer.of(code - 0xdc00));
    start = i + 1;
  }
  parts.push(Buffer.from(name.slice(start)));
  return Buffer.concat(parts);
}
