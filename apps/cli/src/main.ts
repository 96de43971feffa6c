import { readFileSync } from 'node:fs';
import { UsageError } from './_errors.js';
import { type Io, processIo } from './_io.js';
import { commands } from './commands.js';

export type { Command, CommandEntry } from './_command.js';
export { UsageError } from './_errors.js';
export type { Io } from './_io.js';

/** The version of @sys/cli, read from its package.json. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The top-level `sys --help` text, listing the commands that exist. */
export function usage(): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const list = commands.length
    ? commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')
    : '  (none yet)';
  return `Usage: sys <command> [options]

Commands:
${list}

Options:
  -h, --help     show help (also: sys <command> --help)
  -v, --version  print the version
`;
}

/** Runs `sys` with the given arguments and resolves with the exit code; never throws. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      io.stdout.write(usage());
      return 0;
    }
    if (name === '-v' || name === '--version') {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    const entry = commands.find((c) => c.name === name);
    if (!entry) throw new UsageError(`unknown command '${name}' (sys --help lists the commands)`);
    const command = await entry.load();
    if (rest.includes('-h') || rest.includes('--help')) {
      io.stdout.write(command.help);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    io.stderr.write(`sys: ${describe(error)}\n`);
    if (process.env.SYS_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
