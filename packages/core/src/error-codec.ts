import { BRAND, Empty, Full, isSysError, OptionError, SysError, UnknownSignalError } from './errors.js';
import { safeText } from './safe-text.js';

/** A thrown value as plain data that structured clone (or JSON) carries unchanged. */
export type EncodedError =
  | {
      kind: 'error';
      name: string;
      message: string;
      stack?: string;
      /** What to rebuild: a SysError (by its code), a DOMException, or a class by name. */
      family?: 'sys' | 'dom';
      /** The built-in class it is an instance of (`TypeError` for a subclass of TypeError too). */
      builtin?: string;
      /** Own enumerable data (`code`, `errno`, `path`...), each value clonable. */
      props: Record<string, unknown>;
      cause?: EncodedError;
      /** An AggregateError's errors. */
      errors?: EncodedError[];
    }
  | { kind: 'value'; value: unknown };

/** How deep a `cause` chain (or nested `errors`) is followed; deeper links are dropped. */
const MAX_DEPTH = 8;

/** SysError subclasses by code, so an error that crossed comes back as its class. */
const classes = new Map<string, abstract new (...args: never[]) => SysError>();

/** Makes `decodeError` rebuild errors of `code` as instances of `Class` (each package registers its own). */
export function registerErrorClass(code: string, Class: abstract new (...args: never[]) => SysError): void {
  classes.set(code, Class);
}
registerErrorClass('ERR_SYS_OPTION', OptionError);
registerErrorClass('ERR_SYS_QUEUE_EMPTY', Empty);
registerErrorClass('ERR_SYS_QUEUE_FULL', Full);
registerErrorClass('ERR_SYS_UNKNOWN_SIGNAL', UnknownSignalError);

const BUILT_IN: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  AggregateError: AggregateError as unknown as ErrorConstructor,
};

/**
 * Turns any thrown value into data that crosses a thread or process: an error keeps its
 * name, message, stack, own enumerable data and its `cause` chain (up to 8 deep); any other
 * value is kept as it is when it can be cloned, else as its text. It never throws: a field
 * whose getter throws is left out, a message that is not text becomes text.
 */
export function encodeError(thrown: unknown): EncodedError {
  return encode(thrown, 0);
}

function encode(thrown: unknown, depth: number): EncodedError {
  try {
    return encodeOne(thrown, depth);
  } catch {
    // A Proxy whose traps throw, a revoked one: nothing of it can be read but its text.
    return { kind: 'value', value: safeText(thrown) };
  }
}

function encodeOne(thrown: unknown, depth: number): EncodedError {
  if (!(thrown instanceof Error) && !isErrorLike(thrown)) return { kind: 'value', value: clonable(thrown) };
  const error = thrown as Error;
  const errors = read(error, 'errors');
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(error)) {
    if (key === 'cause' || (key === 'errors' && Array.isArray(errors))) continue;
    setOwn(props, key, clonable(read(error, key)));
  }
  const name = read(error, 'name');
  const message = read(error, 'message');
  const encoded: EncodedError = {
    kind: 'error',
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : safeText(message ?? ''),
    props,
  };
  const stack = read(error, 'stack');
  if (typeof stack === 'string') encoded.stack = stack;
  if (isSysError(thrown)) encoded.family = 'sys';
  else if (thrown instanceof DOMException) encoded.family = 'dom';
  else encoded.builtin = builtinOf(error, name);
  if (depth < MAX_DEPTH) {
    const cause = read(error, 'cause');
    if (cause !== undefined) encoded.cause = encode(cause, depth + 1);
    if (Array.isArray(errors)) encoded.errors = errors.map((e: unknown) => encode(e, depth + 1));
  }
  return encoded;
}

/**
 * Rebuilds what `encodeError` made: a SysError as the subclass registered for its code (or
 * SysError), a DOMException as one, a built-in class by name, else an Error with that name; its stack is the one from where it was thrown. A non-error value comes back as it was.
 */
export function decodeError(encoded: EncodedError): unknown {
  if (encoded.kind === 'value') return encoded.value;
  const props = encoded.props;
  let error: Error;
  if (encoded.family === 'sys') {
    error = Object.create((classes.get(String(props.code)) ?? SysError).prototype) as Error;
    Object.defineProperty(error, BRAND, { value: true });
    define(error, 'message', encoded.message);
  } else if (encoded.family === 'dom') {
    error = new DOMException(encoded.message, encoded.name);
  } else {
    const Class = BUILT_IN[encoded.builtin ?? encoded.name] ?? Error;
    error =
      Class === (AggregateError as unknown) ? new AggregateError([], encoded.message) : new Class(encoded.message);
  }
  if (!(error instanceof DOMException)) define(error, 'name', encoded.name);
  if (encoded.stack !== undefined) define(error, 'stack', encoded.stack);
  for (const [key, value] of Object.entries(props)) {
    try {
      if (key === '__proto__') setOwn(error, key, value);
      else (error as unknown as Record<string, unknown>)[key] = value;
    } catch {
      // A getter-only field of a built-in class (DOMException's code): the class gives it.
    }
  }
  if (encoded.cause !== undefined) define(error, 'cause', decodeError(encoded.cause));
  if (encoded.errors !== undefined) define(error, 'errors', encoded.errors.map(decodeError));
  return error;
}

// The nearest built-in class, whatever the error's name says; by name for another realm's error.
function builtinOf(error: Error, name: unknown): string {
  for (const [builtin, Class] of Object.entries(BUILT_IN))
    if (builtin !== 'Error' && error instanceof Class) return builtin;
  return error instanceof Error || typeof name !== 'string' ? 'Error' : name;
}

// An error from another realm (a vm context) is not `instanceof Error` here.
function isErrorLike(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object Error]';
}

function clonable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') return String(value);
    return value;
  }
  try {
    return structuredClone(value);
  } catch {
    return safeText(value);
  }
}

/** A field of a thrown value, or undefined where reading it throws (a getter, a Proxy trap). */
function read(error: object, key: string): unknown {
  try {
    return (error as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Any value as text, even one whose conversion throws (no prototype, a throwing toString). */

/** An own enumerable field, even one named `__proto__`, which assignment would take as the prototype. */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

// As built-in errors have them: not enumerable, so logging shows the data, not the plumbing.
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, configurable: true, writable: true });
}
