import { constants } from 'node:os';

const byName = constants.signals as Readonly<Record<string, number>>;
const byNumber = new Map<number, NodeJS.Signals>(
  Object.entries(byName).map(([name, number]) => [number, name as NodeJS.Signals]),
);

/** A signal name or number that this platform does not have. */
export class UnknownSignalError extends Error {
  readonly code = 'ERR_SYS_UNKNOWN_SIGNAL';
  constructor(readonly signal: string | number) {
    super(`unknown signal: ${signal}`);
    this.name = 'UnknownSignalError';
  }
}

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

/** Resolves with the signal's name when this process next receives it; rejects if `signal` aborts. */
export function waitForSignal(name: NodeJS.Signals, options: { signal?: AbortSignal } = {}): Promise<NodeJS.Signals> {
  signalNumber(name);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      process.off(name, onSignal);
      reject(options.signal?.reason);
    };
    const onSignal = () => {
      options.signal?.removeEventListener('abort', onAbort);
      resolve(name);
    };
    if (options.signal?.aborted) return reject(options.signal.reason);
    process.once(name, onSignal);
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
