/** Marks every SysError; `Symbol.for` so copies of this package in one process agree. */
const BRAND = Symbol.for('@sys/core/SysError');

/** What a SysError may carry besides its code and message. */
export interface SysErrorOptions {
  /** The error underneath (an errno error, a parse failure...). */
  cause?: unknown;
  /** The file or directory the error is about. */
  path?: string;
}

/**
 * The base of every error the @sys packages throw: a stable `code` (`ERR_SYS_*`), the
 * `cause` underneath, and the `path` it concerns when there is one.
 */
export class SysError extends Error {
  /** Stable, documented, `ERR_SYS_*`: branch on this, not on the message. */
  readonly code: string;
  /** The file or directory the error is about, when there is one. */
  declare readonly path?: string;

  constructor(code: string, message: string, options: SysErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.path !== undefined) (this as { path?: string }).path = options.path;
    // Not enumerable, as on built-in errors, so logging an error shows its data, not its class.
    Object.defineProperty(this, 'name', {
      value: new.target.name,
      enumerable: false,
      configurable: true,
      writable: true,
    });
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True for a SysError from any copy of @sys/core, any realm, and for one that crossed a
 * thread or process boundary as a plain object (its `code` starts with `ERR_SYS_`).
 */
export function isSysError(value: unknown): value is SysError {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[BRAND] === true) return true;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('ERR_SYS_') && typeof message === 'string';
}

/** A bad option or argument given to a public function: the same error in every package. */
export class OptionError extends SysError {
  constructor(
    /** The option or argument that was wrong. */
    readonly option: string,
    reason: string,
  ) {
    super('ERR_SYS_OPTION', `${option}: ${reason}`);
  }
}
