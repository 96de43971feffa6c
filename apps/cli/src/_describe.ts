import { describeErrno, isSysError } from '@sys/core';

/** True when `text` already names `path` (as a whole word, maybe quoted), so it need not go in front. */
function names(text: string, path: string): boolean {
  for (let at = text.indexOf(path); at >= 0; at = text.indexOf(path, at + 1)) {
    const before = text[at - 1];
    const after = text[at + path.length];
    if ((before === undefined || /[\s"'(]/.test(before)) && (after === undefined || /[\s"':)]/.test(after)))
      return true;
  }
  return false;
}

/** What an error is about (its path, when it has one) and what went wrong, in words. */
export interface Described {
  path?: string | Buffer;
  text: string;
}

/**
 * One error in words for a stderr line: errno errors as a sentence without Node's
 * `ENOENT: ..., open '...'` wording (the path goes in front), SysErrors by their message.
 */
export function describeError(error: unknown): Described {
  if (typeof error !== 'object' || error === null) return { text: String(error) };
  const { code, path, message, syscall } = error as NodeJS.ErrnoException & { path?: string | Buffer };
  if (typeof code === 'string' && typeof syscall === 'string') {
    const text = describeErrno(error);
    return path === undefined ? { text } : { path, text };
  }
  const first = (message ?? String(error)).split('\n')[0] ?? '';
  if (isSysError(error) && typeof path === 'string' && !names(first, path)) return { path, text: first };
  return { text: first };
}
