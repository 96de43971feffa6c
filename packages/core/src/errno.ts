/** Sentences for the errno codes a file tool meets, worded as `ls`, `cp` and friends word them. */
const SENTENCES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  EEXIST: 'file exists',
  ENOTEMPTY: 'directory not empty',
  ENAMETOOLONG: 'file name too long',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EXDEV: 'cross-device link',
  EBUSY: 'device or resource busy',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  EIO: 'input/output error',
  EPIPE: 'broken pipe',
  EINVAL: 'invalid argument',
  ETXTBSY: 'text file busy',
  EFBIG: 'file too large',
};

/**
 * What went wrong, as a short sentence without the path: 'permission denied' for an EACCES
 * error, the message of any other error, the text of a thrown non-error.
 */
export function describeErrno(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, message } = error as { code?: unknown; message?: unknown };
  const known = typeof code === 'string' ? SENTENCES[code] : undefined;
  if (known) return known;
  if (typeof message !== 'string') return String(error);
  // Node words an unknown errno as "ECODE: description, syscall 'path'": keep the description.
  const errno = /^E[A-Z0-9]+: ([^,]+)/.exec(message);
  return errno ? (errno[1] as string) : message;
}
