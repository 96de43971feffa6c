import { OptionError } from '@sys/core';
import { commandList, type StartOptions, spawnError, start } from './_spawn.js';
import { planStdio } from './_stdio.js';

/** Where a detached child may write: nothing that needs us to stay (no pipe, no JS stream). */
export type DetachedOutput = 'ignore' | 'inherit' | number | { file: string; append?: boolean };

/** Options for `spawnDetached`: where its output goes (nowhere by default). */
export interface DetachedOptions extends Omit<StartOptions, 'group'> {
  /** @default 'ignore' */
  stdout?: DetachedOutput;
  /** @default 'ignore' */
  stderr?: DetachedOutput;
}

/**
 * Starts a program that outlives us (os.spawnv with P_DETACH): its own session, no pipes to
 * us, not ended when we exit. Resolves with its pid once it has started.
 */
export function spawnDetached(command: readonly string[] | string, options: DetachedOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    for (const name of ['stdout', 'stderr'] as const) {
      const choice: unknown = options[name];
      if (choice === 'pipe' || (typeof choice === 'object' && choice !== null && !('file' in choice))) {
        throw new OptionError(name, 'a detached child cannot write to a pipe or stream of ours');
      }
    }
    const plan = planStdio('ignore', options.stdout ?? 'ignore', options.stderr ?? 'ignore');
    const { child } = start(command, options, plan, true);
    child.once('error', (error) => reject(spawnError(commandList(command), error, options.cwd)));
    child.once('spawn', () => {
      child.unref();
      resolve(child.pid as number);
    });
  });
}
