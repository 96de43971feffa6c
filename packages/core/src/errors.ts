/** Marks every SysError; `Symbol.for` so copies of this package in one process agree. */
export const BRAND: unique symbol = Symbol.for('@sys/core/SysError') as never;

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
 * True for a SysError from any copy of @sys/core and any realm, and for one rebuilt by
 * `decodeError` after crossing a thread or a process: the brand, not `instanceof`.
 */
export function isSysError(value: unknown): value is SysError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
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

/** An object used in a state that does not allow the call (`join()` before `start()`, a closed pool). */
export class StateError extends SysError {
  constructor(code: `ERR_SYS_${string}`, message: string, options: SysErrorOptions = {}) {
    super(code, message, options);
  }
}

/** A queue had no item to give without waiting (Python's `queue.Empty`). */
export class Empty extends SysError {
  constructor(options: SysErrorOptions = {}) {
    super('ERR_SYS_QUEUE_EMPTY', 'the queue is empty', options);
  }
}

/** A bounded queue had no room without waiting (Python's `queue.Full`). */
export class Full extends SysError {
  constructor(options: SysErrorOptions = {}) {
    super('ERR_SYS_QUEUE_FULL', 'the queue is full', options);
  }
}

/** A signal name or number that this platform does not have, or one that cannot be used so. */
export class UnknownSignalError extends SysError {
  constructor(
    /** The name or number asked for. */
    readonly signal: unknown,
    reason = 'unknown signal',
  ) {
    super('ERR_SYS_UNKNOWN_SIGNAL', `${reason}: ${String(signal)}`);
  }
}
