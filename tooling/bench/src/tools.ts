import { execFileSync, spawnSync } from 'node:child_process';

/** True when `name` is a command on PATH. */
export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v "${name}"`], { stdio: 'ignore' }).status === 0;
}

/** Installs a Debian package for a command the benchmark compares against, if it is missing. */
export function ensureDebianTool(command: string, pkg = command): boolean {
  if (hasCommand(command)) return true;
  try {
    execFileSync('sh', ['-c', `apt-get update -qq && apt-get install -y -qq ${pkg}`], { stdio: 'ignore' });
  } catch {
    return false;
  }
  return hasCommand(command);
}
