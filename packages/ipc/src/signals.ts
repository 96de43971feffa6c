import { constants } from 'node:os';
import { KillError, UnknownSignalError } from './errors.js';

const byName = constants.signals as Readonly<Record<string, number>>;
const byNumber = new Map<number, NodeJS.Signals>(
  Object.entries(byName).map(([name, number]) => [number, name as NodeJS.Signals]),
);

/** The number of a signal given by name (`'SIGINT'` or `'INT'`). */
export function signalNumber(name: string): number {
  const upper = name.toUpperCase();
  const number = byName[upper.startsWith('SIG') ? upper : `SIG${upper}`];
  if (number === undefined) throw new UnknownSignalError(name);
  return number;
}

/** The name of a signal given by number. */
export function signalName(number: number): NodeJS.Signals {
  const name = byNumber.get(number);
  if (name === undefined) throw new UnknownSignalError(number);
  return name;
}

/** A signal by name (any case, with or without `SIG`) or number, as Node's canonical name. */
function canonical(signal: string | number): NodeJS.Signals {
  return typeof signal === 'number' ? signalName(signal) : signalName(signalNumber(signal));
}

/**
 * Calls `handler(name, number)` each time this process receives the signal, until the
 * returned function is called. While any handler is installed the signal's default action
 * (ending the process, for most) does not happen.
 */
export function onSignal(signal: string | number, handler: (name: NodeJS.Signals, number: number) => void): () => void {
  const name = canonical(signal);
  const number = signalNumber(name);
  const listener = () => handler(name, number);
  process.on(name, listener);
  return () => {
    process.off(name, listener);
  };
}

/**
 * Resolves with the signal's name when this process next receives it; rejects with the
 * abort reason if `signal` aborts. The process stays alive while it waits.
 */
export function waitForSignal(
  signal: string | number,
  options: { signal?: AbortSignal } = {},
): Promise<NodeJS.Signals> {
  const name = canonical(signal);
  const abort = options.signal;
  if (abort?.aborted) return Promise.reject(abort.reason);
  return new Promise((resolve, reject) => {
    // Signal handlers do not hold Node's event loop open; this timer does, so an
    // `await waitForSignal(...)` at the top of a script waits instead of ending the process.
    const keepAlive = setInterval(() => {}, 2 ** 31 - 1);
    const done = () => {
      clearInterval(keepAlive);
      process.off(name, onSignal);
      abort?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(abort?.reason);
    };
    const onSignal = () => {
      done();
      resolve(name);
    };
    process.on(name, onSignal);
    abort?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Sends a signal (name or number; default SIGTERM) to a process, as Python's os.kill. */
export function kill(pid: number, signal: string | number = 'SIGTERM'): void {
  const number =
    typeof signal === 'number' ? (signal === 0 ? 0 : signalNumber(signalName(signal))) : signalNumber(signal);
  try {
    process.kill(pid, number);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH' || code === 'EPERM') throw new KillError(pid, error as NodeJS.ErrnoException);
    throw error;
  }
}
