// What /proc says about processes: used to prove that trees end and nothing is left behind.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** State letter of a process (R, S, Z...) and its parent, or null when it is gone. */
export function stat(pid: number): { state: string; ppid: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state as string, ppid: Number(ppid) };
  } catch {
    return null;
  }
}

let reaps: boolean | undefined;
/**
 * Whether PID 1 reaps orphans. Some container inits do not: an orphan that exits there stays
 * a zombie forever, whoever started it. Probed once with a real orphan.
 */
export function initReaps(): boolean {
  if (reaps === undefined) {
    const pid = Number(execFileSync('sh', ['-c', 'sleep 0.05 & echo $!'], { encoding: 'utf8' }).trim());
    execFileSync('sleep', ['0.5']);
    reaps = stat(pid) === null;
  }
  return reaps;
}

/**
 * Pids of the given processes still there: alive, or a zombie nobody will reap. A zombie
 * whose parent is PID 1 counts only when PID 1 reaps orphans (see initReaps).
 */
export function leftOver(pids: number[]): number[] {
  return pids.filter((pid) => {
    const s = stat(pid);
    if (s === null) return false;
    if (s.state === 'Z' && s.ppid === 1 && !initReaps()) return false;
    return true;
  });
}

/** Waits (up to ~5 s, checking often) until `check` is true; returns its last answer. */
export async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** Our children that are zombies (exited, never reaped). */
export function zombieChildren(): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => {
      const s = stat(pid);
      return s !== null && s.ppid === process.pid && s.state === 'Z';
    });
}

/** How many descriptors this process has open. */
export function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}
