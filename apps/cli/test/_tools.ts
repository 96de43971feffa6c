import { spawnSync } from 'node:child_process';

/** True when `command` is on PATH. */
export function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * True once `command` is on PATH, installing its Debian package first when it is missing and
 * we may (root with apt-get); within 25 s, inside the hook's time. Tests that need it skip
 * where it cannot be had.
 */
export function ensureTool(command: string, pkg = command): boolean {
  if (has(command)) return true;
  if (process.getuid?.() !== 0 || !has('apt-get')) return false;
  const install = `apt-get install -y -qq ${pkg} || (apt-get update -qq && apt-get install -y -qq ${pkg})`;
  spawnSync('sh', ['-c', install], { stdio: 'ignore', timeout: 25_000 });
  return has(command);
}
