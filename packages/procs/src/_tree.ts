import type { ChildProcess } from 'node:child_process';
import { startTimer } from '@sys/core';
import { descendants, type Seen, stillThere, stoppedOrGone } from './_descendants.js';

/** A child we are responsible for: ended with its tree when we are. */
interface Tracked {
  child: ChildProcess;
  /** It leads its own process group, so signals go to the whole group. */
  group: boolean;
}

const live = new Map<ChildProcess, Tracked>();
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let exitHooked = false;
// After the SIGKILL, how long output still held open by a process outside the tree (one that
// left it before we looked) may keep a run waiting, before our ends are closed.
const RELEASE_AFTER_KILL_MS = 200;

function send(pid: number, signal: NodeJS.Signals | number): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // ESRCH: gone already
  }
}

/** Signals that end a process: before them, a tree that is not a group is stopped whole. */
const ENDING = new Set<NodeJS.Signals | number>(['SIGKILL', 9, 'SIGTERM', 15, 'SIGINT', 2, 'SIGHUP', 1, 'SIGQUIT', 3]);
/** How long stopping a tree may wait for its processes to stop (one in the D state waits on the disk first). */
const STOP_WAIT_MS = 200;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Sends `signal` to a child and every process of its tree: its process group when it leads
 * one, and every descendant /proc shows (those in our group on a terminal, and those that
 * made groups of their own). The group is signalled only while something proves its id is
 * still that group's (the leader unreaped, its pipes held, or a member seen earlier alive):
 * never a group id reused by an unrelated process. Returns the descendants it saw.
 */
export function signalTree(
  child: ChildProcess,
  group: boolean,
  signal: NodeJS.Signals | number,
  seenBefore: readonly Seen[] = [],
): Seen[] {
  return signalTrees([{ child, group }], signal, seenBefore);
}

/** `signalTree` for several children at once: /proc is read for all of them together, not once each. */
function signalTrees(
  children: readonly Tracked[],
  signal: NodeJS.Signals | number,
  seenBefore: readonly Seen[] = [],
): Seen[] {
  const isRunning = ({ child }: Tracked) =>
    child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const running = children.filter(isRunning);
  // A group is signalled whole by the kernel, forks racing it included; a tree that is not one
  // is seen through /proc, and a process that forks while we look would let its new child
  // escape: so it is stopped first, top down, and set going again once signalled.
  const freezing = ENDING.has(signal);
  const frozen = running.filter((t) => !t.group && freezing).map((t) => t.child.pid as number);
  const looked = running.filter((t) => t.group || !freezing).map((t) => t.child.pid as number);
  const stopped = frozen.length > 0 ? freeze(frozen) : [];
  const tree = looked.length > 0 ? [...stopped, ...descendants(...looked)] : stopped;
  const grouped = new Set<number>();
  for (const t of children) {
    const { child, group } = t;
    const pid = child.pid;
    if (pid === undefined) continue;
    const heldOpen = [child.stdin, child.stdout, child.stderr].some((s) => s && !s.destroyed);
    const member = seenBefore.some((s) => s.pgid === pid && stillThere(s));
    if (group && (isRunning(t) || heldOpen || member) && send(-pid, signal)) grouped.add(pid);
    else if (isRunning(t)) child.kill(signal);
  }
  for (const s of tree) if (!grouped.has(s.pgid)) send(s.pid, signal);
  if (signal !== 'SIGKILL' && signal !== 9) {
    for (const s of stopped) send(s.pid, 'SIGCONT');
    for (const pid of frozen) send(pid, 'SIGCONT');
  }
  return tree;
}

/**
 * Stops the `roots` and then their descendants, until /proc shows none that is not stopped: a
 * stopped process starts nothing more. Returns the descendants. Waits at most STOP_WAIT_MS
 * in all for them to stop (a process stops only when it next runs).
 */
function freeze(roots: number[]): Seen[] {
  const deadline = Date.now() + STOP_WAIT_MS;
  const stopped = new Set<number>();
  const stop = (pids: number[]) => {
    // Only a process the signal reached is waited for (one of another user's refuses it: EPERM).
    const sent = pids.filter((pid) => send(pid, 'SIGSTOP'));
    for (const pid of sent) while (!stoppedOrGone(pid) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 1);
    for (const pid of pids) stopped.add(pid);
  };
  stop(roots);
  for (;;) {
    const tree = descendants(...roots);
    const fresh = tree.filter((s) => !stopped.has(s.pid)).map((s) => s.pid);
    if (fresh.length === 0) return tree;
    stop(fresh);
  }
}

/**
 * Ends the child's tree with `signal`, then after `graceMs` with SIGKILL: the child, its
 * group, what is its tree then, and every process seen in it at the first signal that is
 * still there, even if its pipes are closed and the child is gone. A run still waiting on
 * output held open by something outside the tree stops waiting then.
 */
export function endTree(child: ChildProcess, group: boolean, signal: NodeJS.Signals | number, graceMs: number): void {
  const seen = signalTree(child, group, signal);
  if (signal === 'SIGKILL' || signal === 9 || graceMs === Number.POSITIVE_INFINITY) return;
  startTimer(graceMs, () => {
    const later = signalTree(child, group, 'SIGKILL', seen);
    const alive = [...seen, ...later].filter(stillThere);
    // One look at /proc for all of them: a scan each read every process's stat once per survivor.
    for (const d of descendants(...alive.map((s) => s.pid))) send(d.pid, 'SIGKILL');
    for (const s of alive) send(s.pid, 'SIGKILL');
    setTimeout(() => {
      for (const s of [child.stdin, child.stdout, child.stderr]) s?.destroy();
    }, RELEASE_AFTER_KILL_MS).unref();
  }).unref();
}

function onSignal(signal: NodeJS.Signals): void {
  // Someone else listens: they chose not to die of it, so our children live on too.
  if (process.listenerCount(signal) > 1) return;
  // SIGTERM whatever the signal: shells start background jobs ignoring SIGINT, and we must
  // end them, not just pass the word on. A foreground child got a terminal's Ctrl-C itself.
  signalTrees([...live.values()], 'SIGTERM');
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
  signalTrees([...live.values()], 'SIGTERM');
}

/** Ends `child` (and its tree) if we exit, or die of SIGINT/SIGTERM/SIGHUP, before it does. */
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
