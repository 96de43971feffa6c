import { constants } from 'node:os';
import { UnknownSignalError } from './errors.js';

const byName = constants.signals as Readonly<Record<string, number>>;
// A number with two names (6: SIGABRT and SIGIOT, 29: SIGIO and SIGPOLL) keeps its first, the
// name Node gives it (a child's `signalCode`, `process.kill`'s).
const byNumber = new Map<number, NodeJS.Signals>();
for (const [name, number] of Object.entries(byName))
  if (!byNumber.has(number)) byNumber.set(number, name as NodeJS.Signals);

/** The number of a signal given by name (`'SIGINT'`, `'int'`) or number; `UnknownSignalError` if this platform has none such. */
export function signalNumber(signal: string | number): number {
  return byName[signalName(signal)] as number;
}

/** Node's name of a signal given by name (any case, with or without `SIG`) or number; `UnknownSignalError` if this platform has none such. */
export function signalName(signal: string | number): NodeJS.Signals {
  if (typeof signal === 'number') {
    const name = Number.isInteger(signal) ? byNumber.get(signal) : undefined;
    if (name === undefined) throw new UnknownSignalError(signal);
    return name;
  }
  if (typeof signal !== 'string') throw new UnknownSignalError(signal, 'a signal is a name or a number, not');
  const upper = signal.toUpperCase();
  const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  if (byName[name] === undefined) throw new UnknownSignalError(signal);
  return name as NodeJS.Signals;
}
