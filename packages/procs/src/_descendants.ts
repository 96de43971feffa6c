// A process's descendants as /proc shows them (Linux): how a tree that does not lead a group
// of its own (a foreground job on a terminal, `group: false`) is still ended whole, and how
// members that left the tree are still found when SIGKILL is due.
import { readdirSync, readFileSync } from 'node:fs';

/** A process as seen once: its start time tells it from a later one with the same pid. */
export interface Seen {
  pid: number;
  ppid: number;
  pgid: number;
  start: string;
}

/** The fields of /proc/PID/stat after the name, from the state on; null when it is gone. */
function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The name (field 2) may hold spaces and ')': the fields we want follow its last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function stat(pid: number): Seen | null {
  const fields = statFields(pid);
  if (!fields || fields[0] === 'Z') return null; // gone, or dead already and waiting to be reaped
  return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), start: fields[19] as string };
}

/** Every live descendant of the `roots` (children, their children...), from one look at /proc; none where there is none. */
export function descendants(...roots: number[]): Seen[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const children = new Map<number, Seen[]>();
  for (const name of names) {
    const first = name.charCodeAt(0);
    if (first < 48 || first > 57) continue;
    const seen = stat(Number(name));
    if (!seen) continue;
    const list = children.get(seen.ppid);
    if (list) list.push(seen);
    else children.set(seen.ppid, [seen]);
  }
  const found: Seen[] = [];
  const todo = [...roots];
  while (todo.length > 0) {
    for (const child of children.get(todo.pop() as number) ?? []) {
      found.push(child);
      todo.push(child.pid);
    }
  }
  return found;
}

/** Whether `pid` is stopped (SIGSTOP), or gone: either way it starts nothing more. */
export function stoppedOrGone(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state === undefined || state === 'T' || state === 't' || state === 'Z' || state === 'X';
}

/** Whether the process seen is still alive (the same one: same pid and start time). */
export function stillThere(seen: Seen): boolean {
  return stat(seen.pid)?.start === seen.start;
}
