import { signalName, signalNumber } from '@sys/core';
import { KillError, UnknownSignalError } from './errors.js';

export { signalName, signalNumber } from '@sys/core';

/** Signals the system never lets a process catch: no handler runs for them. */
const UNCATCHABLE = new Set(['SIGKILL', 'SIGSTOP']);

/** Node's name of a signal a handler can be installed for; UnknownSignalError otherwise. */
function catchable(signal: string | number): NodeJS.Signals {
  const name = signalName(signal);
  if (UNCATCHABLE.has(name))
    throw new UnknownSignalError(
      signal,
      `${name} cannot be caught: the system ends or stops the process itself, so no handler runs for`,
    );
  return name;
}

/** `process.on` for a signal, with Node's raw refusals (EINVAL...) turned into a SysError that says why. */
function listen(name: NodeJS.Signals, listener: () => void): void {
  try {
    process.on(name, listener);
  } catch (cause) {
    throw new UnknownSignalError(name, `no handler can be installed (${(cause as Error).message}) for`);
  }
}

/**
 * Calls `handler(name, number)` each time this process receives the signal, until the
 * returned function is called. While any handler is installed the signal's default action
 * (ending the process, for most) does not happen.
 */
export function onSignal(signal: string | number, handler: (name: NodeJS.Signals, number: number) => void): () => void {
  const name = catchable(signal);
  const number = signalNumber(name);
  const listener = () => handler(name, number);
  listen(name, listener);
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
  let name: NodeJS.Signals;
  try {
    name = catchable(signal);
  } catch (error) {
    return Promise.reject(error); // a promise fails one way: rejected, never thrown
  }
  const abort = options.signal;
  if (abort?.aborted) return Promise.reject(abort.reason);
  return new Promise((resolve, reject) => {
    const onSignal = () => {
      done();
      resolve(name);
    };
    listen(name, onSignal);
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
    abort?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Sends a signal (name or number; default SIGTERM; 0 only checks the process exists) to a process, as Python's os.kill. */
export function kill(pid: number, signal: string | number = 'SIGTERM'): void {
  const number = signal === 0 ? 0 : signalNumber(signal);
  try {
    process.kill(pid, number);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH' || code === 'EPERM') throw new KillError(pid, error as NodeJS.ErrnoException);
    throw error;
  }
}
