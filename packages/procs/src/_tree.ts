import type { ChildProcess } from 'node:child_process';
import { startTimer } from '@sys/core';

/** A child we are responsible for: ended with its tree when we are. */
interface Tracked {
  child: ChildProcess;
  /** It leads its own process group, so signals go to the whole group. */
  group: boolean;
}

const live = new Map<ChildProcess, Tracked>();
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let exitHooked = false;

/**
 * Sends `signal` to a child, or to its whole process group when it leads one. The group is
 * signalled while its leader is unreaped or something still holds its pipes: only then can
 * the group id not have been reused by an unrelated process.
 */
export function signalTree(child: ChildProcess, group: boolean, signal: NodeJS.Signals | number): boolean {
  const pid = child.pid;
  if (pid === undefined) return false;
  const running = child.exitCode === null && child.signalCode === null;
  const heldOpen = [child.stdin, child.stdout, child.stderr].some((s) => s && !s.destroyed);
  if (group && (running || heldOpen)) {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      // ESRCH: the group is gone already; fall through to the leader.
    }
  }
  return running ? child.kill(signal) : false;
}

/** Ends the child (or its group) with `signal`, then with SIGKILL if it is still there after `graceMs`. */
export function endTree(child: ChildProcess, group: boolean, signal: NodeJS.Signals | number, graceMs: number): void {
  signalTree(child, group, signal);
  if (signal === 'SIGKILL' || signal === 9 || !Number.isFinite(graceMs)) return;
  const force = startTimer(graceMs, () => signalTree(child, group, 'SIGKILL')).unref();
  child.once('close', () => force.clear());
}

function onSignal(signal: NodeJS.Signals): void {
  // Someone else listens: they chose not to die of it, so our children live on too.
  if (process.listenerCount(signal) > 1) return;
  // SIGTERM whatever the signal: shells start background jobs ignoring SIGINT, and we must
  // end them, not just pass the word on. A foreground child got a terminal's Ctrl-C itself.
  for (const t of live.values()) signalTree(t.child, t.group, 'SIGTERM');
  unhookSignals();
  // Die of the signal as we would have without our listener.
  process.kill(process.pid, signal);
}

let hooked = false;
let unhooking: NodeJS.Immediate | undefined;

function hookSignals(): void {
  hooked = true;
  for (const s of FORWARDED) process.on(s, onSignal);
}

function unhookSignals(): void {
  hooked = false;
  for (const s of FORWARDED) process.removeListener(s, onSignal);
}

function unhookIfIdle(): void {
  unhooking = undefined;
  if (live.size === 0 && hooked) unhookSignals();
}

function onExit(): void {
  for (const t of live.values()) signalTree(t.child, t.group, 'SIGTERM');
}

/** Ends `child` (and its group) if we exit, or die of SIGINT/SIGTERM/SIGHUP, before it does. */
export function track(child: ChildProcess, group: boolean): void {
  if (child.pid === undefined) return;
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', onExit);
  }
  if (!hooked) hookSignals();
  live.set(child, { child, group });
  // A group outlives its leader while a grandchild holds the pipes: keep it until they close.
  child.once(group ? 'close' : 'exit', () => {
    live.delete(child);
    // Unhooked a turn later: a program that runs one child after another keeps its hooks.
    if (live.size === 0 && !unhooking) unhooking = setImmediate(unhookIfIdle).unref();
  });
}
