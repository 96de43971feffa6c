import { quoteName } from './_quote.js';
import { runCommand } from './_run.js';
import { commands } from './commands.js';
import { type Io, processIo } from './io.js';
import { version } from './version.js';

export type { Command, CommandEntry } from './command.js';
export { InputError, Interrupted, OutputError, OutputTargetError, PipeClosed, UsageError } from './errors.js';
export type { Io } from './io.js';
export { version } from './version.js';

/** The top-level `sys --help` text, listing the commands that exist. */
export function usage(): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: sys <command> [options]

Commands:
${list}

Options:
  -h, --help     show help (also: sys help <command>, sys <command> --help)
  -v, --version  print the version

Exit status: 0 done; 1 the command found what it checks for; 2 bad usage or bad input;
130 / 143 stopped by Ctrl-C / SIGTERM. SYS_DEBUG=1 adds a stack to error lines.
`;
}

/** Runs `sys` with the given arguments and resolves with the exit code; never throws. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let [name, ...rest] = argv;
  if (name === 'help' && rest[0] !== undefined) [name, rest] = [rest[0], ['--help']];
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(usage());
    return 0;
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`sys: unknown command '${quoteName(name)}' (sys --help lists the commands)\n`);
    return 2;
  }
  return runCommand(entry, rest, io);
}
