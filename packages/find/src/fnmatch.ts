/**
 * Python's fnmatch, ported rule for rule: `*` (also matches a leading dot), `?`, `[seq]`,
 * `[!seq]`, an unclosed `[` taken literally, no braces, no escapes. Case is never folded here:
 * Python folds only on Windows (normcase), so `fnmatch` and `fnmatchCase` agree on POSIX.
 */

const cache = new Map<string, (name: string) => boolean>();
const CACHE_LIMIT = 512;

/** Translates a shell pattern into the source of an anchored JavaScript regular expression (flags `su`). */
export function translate(pattern: string): string {
  const pat = Array.from(pattern);
  const n = pat.length;
  const parts: string[] = [];
  let i = 0;
  while (i < n) {
    const c = pat[i++] as string;
    if (c === '*') {
      if (parts.at(-1) !== STAR) parts.push(STAR);
    } else if (c === '?') {
      parts.push('.');
    } else if (c === '[') {
      const set = bracket(pat, i);
      if (set === undefined) {
        parts.push('\\[');
      } else {
        parts.push(set.source);
        i = set.next;
      }
    } else {
      parts.push(escapeChar(c));
    }
  }
  return `^${joinStars(parts)}$`;
}

const STAR = '\0*';

/**
 * Star runs between fixed parts are matched as "shortest prefix up to the next part", made atomic
 * with a lookahead and back-reference, as Python 3.11+ does with atomic groups: without that,
 * `*a*a*a*b` against a long name backtracks exponentially.
 */
function joinStars(parts: string[]): string {
  const stars = parts.reduce((k, p) => k + (p === STAR ? 1 : 0), 0);
  if (stars === 0) return parts.join('');
  let out = '';
  let k = 0;
  while (k < parts.length && parts[k] !== STAR) out += parts[k++];
  let group = 0;
  let seen = 0;
  while (k < parts.length) {
    k++; // the star
    seen++;
    let fixed = '';
    while (k < parts.length && parts[k] !== STAR) fixed += parts[k++];
    if (seen === stars) {
      out += `.*${fixed}`;
    } else {
      group++;
      out += `(?=(.*?${fixed}))\\${group}`;
    }
  }
  return out;
}

function codePoint(c: string | undefined): number {
  return c?.codePointAt(0) ?? 0;
}

function escapeChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

function escapeInClass(c: string): string {
  return c === '\\' || c === ']' || c === '[' || c === '^' || c === '-' ? `\\${c}` : c;
}

/** Parses `[...]` starting just after the `[`; undefined when it never closes (then `[` is literal). */
function bracket(pat: string[], start: number): { source: string; next: number } | undefined {
  const n = pat.length;
  let j = start;
  if (j < n && pat[j] === '!') j++;
  if (j < n && pat[j] === ']') j++;
  while (j < n && pat[j] !== ']') j++;
  if (j >= n) return undefined;

  const negate = pat[start] === '!';
  const body = pat.slice(negate ? start + 1 : start, j);
  // Split into chunks at the hyphens that make ranges, as Python does: a hyphen first in the set,
  // or last, is literal; `a-c-e` is a-c then -e... exactly Python's left-to-right reading.
  const chunks: string[][] = [];
  let from = 0;
  let k = 1;
  for (;;) {
    k = body.indexOf('-', k);
    if (k < 0) break;
    chunks.push(body.slice(from, k));
    from = k + 1;
    k += 3;
  }
  const tail = body.slice(from);
  if (tail.length > 0 || chunks.length === 0) chunks.push(tail);
  else (chunks.at(-1) as string[]).push('-');
  // A range whose start is above its end is empty: drop it, joining its neighbours.
  for (let m = chunks.length - 1; m > 0; m--) {
    const prev = chunks[m - 1] as string[];
    const cur = chunks[m] as string[];
    if (codePoint(prev.at(-1)) > codePoint(cur[0])) {
      chunks[m - 1] = [...prev.slice(0, -1), ...cur.slice(1)];
      chunks.splice(m, 1);
    }
  }
  const set = chunks.map((chunk) => chunk.map(escapeInClass).join('')).join('-');
  let source: string;
  if (set === '') source = negate ? '.' : '(?!)';
  else source = `[${negate ? '^' : ''}${set}]`;
  return { source, next: j + 1 };
}

/** Returns a reusable predicate for one pattern: the fast form of `fnmatch` in a loop. */
export function compile(pattern: string): (name: string) => boolean {
  let match = cache.get(pattern);
  if (match) return match;
  match = build(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, match);
  return match;
}

function build(pattern: string): (name: string) => boolean {
  // The common shapes skip the regex engine: `*.py`, `Makefile`, `*`.
  if (!/[*?[]/.test(pattern)) return (name) => name === pattern;
  if (pattern === '*') return () => true;
  const rest = pattern.slice(1);
  if (pattern[0] === '*' && !/[*?[]/.test(rest)) return (name) => name.endsWith(rest);
  const re = new RegExp(translate(pattern), 'su');
  return (name) => re.test(name);
}

const folds = process.platform === 'win32';

/** Python's os.path.normcase: lower case and backslashes on Windows, unchanged elsewhere. */
function normcase(s: string): string {
  return folds ? s.toLowerCase().replaceAll('/', '\\') : s;
}

/** True when `name` matches the shell `pattern` (Python's fnmatch.fnmatch: folds case on Windows only). */
export function fnmatch(name: string, pattern: string): boolean {
  return compile(normcase(pattern))(normcase(name));
}

/** True when `name` matches `pattern`, case-sensitively on every platform (Python's fnmatchcase). */
export function fnmatchCase(name: string, pattern: string): boolean {
  return compile(pattern)(name);
}

/** The names that match `pattern`, in their order (Python's fnmatch.filter). */
export function filter(names: Iterable<string>, pattern: string): string[] {
  const match = compile(normcase(pattern));
  const out: string[] = [];
  for (const name of names) if (match(normcase(name))) out.push(name);
  return out;
}
