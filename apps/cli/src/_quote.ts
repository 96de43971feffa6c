/** Characters that must never reach a terminal as they are: controls, and bidi overrides that reorder text. */
const UNSAFE_CLASS =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff]';
const UNSAFE = new RegExp(UNSAFE_CLASS, 'u');
const UNSAFE_ALL = new RegExp(UNSAFE_CLASS, 'gu');
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };

/** The longest name shown in full in a message; longer ones keep their two ends. */
export const MAX_SHOWN = 160;

function escapeChar(ch: string): string {
  const known = ESCAPES[ch];
  if (known) return known;
  const code = ch.charCodeAt(0);
  // A lone surrogate U+DC80..U+DCFF stands for a byte that was not UTF-8 (see _bytes.ts).
  if (code >= 0xdc80 && code <= 0xdcff) return `\\x${(code - 0xdc00).toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** True when a name can be shown as it is: no control, bidi or undecodable characters. */
export function isPlain(name: string): boolean {
  return !UNSAFE.test(name);
}

/** Keeps the two ends of a very long name, so a 10,000-level path does not print a 20 KB line. */
export function shorten(name: string, max = MAX_SHOWN): string {
  if (name.length <= max) return name;
  const points = Array.from(name);
  if (points.length <= max) return name;
  const half = Math.floor((max - 1) / 2);
  return `${points.slice(0, half).join('')}…${points.slice(-half).join('')}`;
}

/** The longest message text shown in full on one line. */
export const MAX_TEXT = 400;

/**
 * Message text made safe for a terminal line: control characters escaped (without quotes,
 * the text is not a name), and at most MAX_TEXT characters, keeping both ends.
 */
export function safeText(text: string): string {
  const short = shorten(text, MAX_TEXT);
  return isPlain(short) ? short : short.replace(UNSAFE_ALL, escapeChar);
}

/**
 * A name made safe to print: as it is when plain, otherwise in double quotes with every
 * control character escaped (`"a\nb"`, `"\x1b]0;x"`, `"\xff"` for a byte that is not
 * UTF-8). Long names are shortened first.
 */
export function quoteName(name: string, max = MAX_SHOWN): string {
  const short = shorten(name, max);
  if (isPlain(short)) return short;
  return `"${short.replace(/["\\]/g, escapeChar).replace(UNSAFE_ALL, escapeChar)}"`;
}
