/** Starts every separator line, as in the chapter's pack1. */
export const MARKER = '::::::';
/** The line `more` prints above and below each file's name. */
export const MORE_RULE = '::::::::::::::';
/** The format version this package writes. */
export const VERSION = 1;
/** The first line of every pack this package writes. */
export const HEADER = `${MARKER}\tsys-pack ${VERSION}`;

/** What a separator line says about one entry. */
export interface EntryHeader {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  mode?: number;
  noeol?: boolean;
  base64?: boolean;
  target?: string;
  /** Modification time in nanoseconds since the epoch, when the pack records times. */
  mtime?: bigint;
}

/** `mtime=` as written: seconds since the epoch, with up to nine decimals. */
export function formatTime(ns: bigint): string {
  const seconds = ns / 1_000_000_000n;
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return fraction ? `${seconds}.${fraction}` : `${seconds}`;
}

function parseTime(text: string): bigint | undefined {
  const m = /^(\d{1,12})(?:\.(\d{1,9}))?$/.exec(text);
  if (!m) return undefined;
  return BigInt(m[1] as string) * 1_000_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

// Control characters, TAB, or a leading quote: such a path is written as a JSON string.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NEEDS_QUOTES = /[\x00-\x1f\x7f]|^"/;

/** A path as a separator line writes it: as is, or as a JSON string when it has to be. */
export function encodePath(path: string): string {
  return NEEDS_QUOTES.test(path) ? JSON.stringify(path) : path;
}

/** The separator line (without its LF) for an entry. */
export function separatorLine(entry: EntryHeader): string {
  const attrs: string[] = [];
  if (entry.type === 'symlink') attrs.push('type=symlink', `target=${JSON.stringify(entry.target ?? '')}`);
  const usual = entry.type === 'dir' ? 0o755 : 0o644;
  if (entry.mode !== undefined && entry.mode !== usual && entry.type !== 'symlink') {
    attrs.push(`mode=${entry.mode.toString(8)}`);
  }
  if (entry.mtime !== undefined) attrs.push(`mtime=${formatTime(entry.mtime)}`);
  if (entry.base64) attrs.push('enc=base64');
  if (entry.noeol) attrs.push('noeol');
  const path = encodePath(entry.type === 'dir' ? `${entry.path}/` : entry.path);
  return `${MARKER}${path}${attrs.length > 0 ? `\t${attrs.join(' ')}` : ''}`;
}

/** The trailer line: entry count and the SHA-256 of everything before it. */
export function trailerLine(entries: number, sha256: string): string {
  return `${MARKER}\tend entries=${entries} sha256=${sha256}`;
}

/** A separator line taken apart: an entry, the header, the trailer, or the reason it is malformed. */
export type Separator =
  | { kind: 'entry'; entry: EntryHeader }
  | { kind: 'header'; version: number }
  | { kind: 'trailer'; entries: number; sha256: string }
  | { kind: 'bad'; reason: string };

/** Reads a separator line (without its LF). */
export function parseSeparator(line: string): Separator {
  const rest = line.slice(MARKER.length);
  const tab = rest.startsWith('"') ? quotedEnd(rest) : rest.indexOf('\t');
  if (tab !== -1 && rest.startsWith('"') && rest[tab] !== '\t')
    return { kind: 'bad', reason: 'text after a quoted path' };
  const rawPath = tab === -1 ? rest : rest.slice(0, tab);
  const attrText = tab === -1 ? '' : rest.slice(tab + 1);
  if (rawPath === '') return structural(attrText);
  let path: string;
  try {
    path = rawPath.startsWith('"') ? (JSON.parse(rawPath) as string) : rawPath;
  } catch {
    return { kind: 'bad', reason: `bad quoted path ${rawPath}` };
  }
  const attrs = parseAttributes(attrText);
  if (typeof attrs === 'string') return { kind: 'bad', reason: attrs };
  const isDir = path.endsWith('/');
  const entry: EntryHeader = { path: isDir ? path.replace(/\/+$/, '') : path, type: isDir ? 'dir' : 'file' };
  for (const [key, value] of attrs) {
    if (key === 'mode' && value !== undefined && /^[0-7]{1,4}$/.test(value)) entry.mode = Number.parseInt(value, 8);
    else if (key === 'noeol' && value === undefined) entry.noeol = true;
    else if (key === 'mtime' && value !== undefined) {
      entry.mtime = parseTime(value);
      if (entry.mtime === undefined) return { kind: 'bad', reason: `bad time mtime=${value}` };
    } else if (key === 'enc' && value === 'base64') entry.base64 = true;
    else if (key === 'type' && value === 'symlink') entry.type = 'symlink';
    else if (key === 'type' && value === 'dir') entry.type = 'dir';
    else if (key === 'target' && value !== undefined) {
      try {
        entry.target = JSON.parse(value) as string;
      } catch {
        return { kind: 'bad', reason: `bad symlink target ${value}` };
      }
    } else return { kind: 'bad', reason: `unknown attribute ${value === undefined ? key : `${key}=${value}`}` };
  }
  if (entry.type !== 'file' && (entry.base64 || entry.noeol))
    return { kind: 'bad', reason: `${entry.base64 ? 'enc=base64' : 'noeol'} on a ${entry.type} entry` };
  if (entry.type === 'symlink' && typeof entry.target !== 'string')
    return { kind: 'bad', reason: 'symlink without a target' };
  if (entry.path === '') return { kind: 'bad', reason: 'empty path' };
  return { kind: 'entry', entry };
}

function structural(attrText: string): Separator {
  const header = /^sys-pack (\d+)$/.exec(attrText);
  if (header) return { kind: 'header', version: Number(header[1]) };
  const trailer = /^end entries=(\d+) sha256=([0-9a-f]{64})$/.exec(attrText);
  if (trailer) return { kind: 'trailer', entries: Number(trailer[1]), sha256: trailer[2] as string };
  return { kind: 'bad', reason: `unknown structural line '${attrText}'` };
}

/** Index just past a JSON string at the start of `text` (the TAB after it, or the end). */
function quotedEnd(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1 < text.length ? i + 1 : -1;
  }
  return -1;
}

/** `key=value` words; a value may be a JSON string holding spaces. A string is an error. */
function parseAttributes(text: string): [string, string | undefined][] | string {
  const out: [string, string | undefined][] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    const eq = text.indexOf('=', i);
    const space = text.indexOf(' ', i);
    if (eq === -1 || (space !== -1 && space < eq)) {
      const end = space === -1 ? text.length : space;
      out.push([text.slice(i, end), undefined]);
      i = end;
      continue;
    }
    const key = text.slice(i, eq);
    let end: number;
    if (text[eq + 1] === '"') {
      end = quotedEnd(text.slice(eq + 1));
      end = end === -1 ? text.length : eq + 1 + end;
      if (!text.slice(eq + 1, end).endsWith('"')) return `unterminated value of ${key}`;
    } else end = space === -1 ? text.length : space;
    out.push([key, text.slice(eq + 1, end)]);
    i = end;
  }
  return out;
}

export const BACKSLASH = 0x5c;
export const COLON = 0x3a;
/** The two byte pairs that start the only lines escaping cares about. */
export const LF_COLON: Buffer = Buffer.from('\n:');
export const LF_BACKSLASH: Buffer = Buffer.from('\n\\');

/**
 * Whether the line starting at `at` is `\\`*`::::::` — written with one more backslash in a
 * pack, read with one less — or not, or whether `buf` ends before that can be told.
 */
export function escapeVerdict(buf: Uint8Array, at: number): 'escape' | 'keep' | 'undecided' {
  let i = at;
  while (i < buf.length && buf[i] === BACKSLASH) i++;
  for (let colons = 0; colons < MARKER.length; colons++, i++) {
    if (i === buf.length) return 'undecided';
    if (buf[i] !== COLON) return 'keep';
  }
  return 'escape';
}
