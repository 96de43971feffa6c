import { bashScript, type Completable, fishScript, zshScript } from '../_completion.js';
import { defineSpec } from '../_spec.js';
import { type Command, type CommandEntry, defineCommand } from '../command.js';

const spec = defineSpec({
  name: 'completion',
  args: [{ name: 'SHELL', required: true, choices: ['bash', 'zsh', 'fish'] }],
  description: `Print a script that makes SHELL complete sys's commands, their options and the values of
options that take one of a few words (--type f|d|l), made from the same definitions as
each command's parser and --help.`,
  options: {},
  examples: [
    ['eval "$(sys completion bash)"', 'complete sys in this bash session (add it to ~/.bashrc to keep it)'],
    ['sys completion zsh > ~/.zfunc/_sys', 'install for zsh (with ~/.zfunc on $fpath, before compinit)'],
    ['sys completion fish > ~/.config/fish/completions/sys.fish', 'install for fish'],
  ],
  exit: '0 done; 2 bad usage.',
});

/**
 * `sys completion bash|zsh|fish`: shell completion from the specs of `commands` (the list is
 * handed in by commands.ts, which lists this command too: so neither file imports the other).
 */
export function completion(commands: readonly CommandEntry[]): Command {
  return defineCommand(spec, async ({ args }, session) => {
    const all: Completable[] = [];
    for (const entry of commands)
      all.push({ name: entry.name, summary: entry.summary, spec: (await entry.load()).spec });
    const script = args[0] === 'bash' ? bashScript(all) : args[0] === 'zsh' ? zshScript(all) : fishScript(all);
    session.io.stdout.write(script);
    return 0;
  }) as Command;
}
