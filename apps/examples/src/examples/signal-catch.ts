// Signals: catch signal N and print each arrival; send it with `kill -N PID` from a shell (the chapter's signal1); args: N [COUNT]
// Python's signal.signal() replaces the handler; onSignal() adds one and returns its
// undo. Node has no signal.pause(): waitForSignal() is the wait, and it keeps the process
// alive (a signal handler alone does not). SIGKILL and SIGSTOP cannot be caught.
import { onSignal, signalName, waitForSignal } from '@sys/ipc';

const now = () => new Date().toString();
const [number, count] = process.argv.slice(2).map(Number);
if (number === undefined || !Number.isInteger(number)) {
  console.error('usage: signal-catch N [COUNT]');
  process.exit(2);
}
if (number === 9 || number === 19) {
  console.error(`signal-catch: signal ${number} (${signalName(number)}) cannot be caught`);
  process.exit(2);
}
// The handler stays in effect for every arrival, as the chapter's does.
const stop = onSignal(number, (_name, signum) => console.log('Got signal', signum, 'at', now()));
console.log(`pid ${process.pid} waiting for signal ${number} (${signalName(number)})`);
// signal.pause(), COUNT times (for ever without COUNT): each wait keeps the process alive.
for (let i = 0; count === undefined || i < count; i++) await waitForSignal(number);
stop();
