// Runs a TypeScript fixture in a real child Node process.
import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const started: ChildProcess[] = [];

/** Starts `test/fixtures/<name>.ts` with `args`; killed by `killChildren()` if still running. */
export function fixture(name: string, args: string[] = [], stdio: StdioOptions = 'inherit', env = {}): ChildProcess {
  const file = fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--import', tsx, file, ...args], { stdio, env: { ...process.env, ...env } });
  started.push(child);
  return child;
}

/** Ends every fixture still running. */
export function killChildren(): void {
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Resolves with the exit code (or signal name) of a child. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
}
