// What /proc says about processes: used to prove that trees end and nothing is left behind.
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

/** Pids of the given processes still there, alive or zombie. */
export function leftOver(pids: number[]): number[] {
  return pids.filter((pid) => stat(pid) !== null);
}

/**
 * Waits until `check` is true, up to 15 s: orphans of an ended tree are reaped by PID 1, and
 * some container inits reap only every few seconds (this machine's: every 2 s).
 */
export async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 300; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/**
 * Pids of live processes (zombies are dead) whose command line holds `marker`: tests mark
 * grandchildren with a unique `sleep 4NNN.5` and prove that none survives.
 */
export function marked(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      if (argv.includes(marker) && stat(Number(name))?.state !== 'Z') found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
