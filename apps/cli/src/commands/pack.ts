import { createReadStream, createWriteStream, openSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { type EntryHeader, list, pack as packTree, unpack as unpackStream } from '@sys/pack';
import { parse } from '../_args.js';
import type { Command } from '../_command.js';
import { UsageError } from '../_errors.js';
import type { Io } from '../_io.js';

const packHelp = `Usage: sys pack PATH... [-o FILE] [--prune PAT]...

Pack files and directories into one readable text file (the @sys/pack format: a
'::::::PATH' line before each file, text as it is, binary as base64; see FORMAT.md).
Writes to stdout unless -o is given.

Options:
  -o, --output FILE   write the pack to FILE
  --prune PAT         do not enter directories whose name matches PAT; repeatable
  -h, --help          show this help

Exit status: 0 done (unpackable entries such as sockets are reported on stderr); 2 bad usage.
`;

/** `sys pack`: the chapter's pack1, made safe for any tree. */
export const pack: Command = {
  help: packHelp,
  async run(argv, io) {
    const { values, positionals } = parse('pack', argv, {
      output: { type: 'string', short: 'o' },
      prune: { type: 'string', multiple: true },
    });
    if (positionals.length === 0) throw new UsageError('pack: give at least one PATH (sys pack --help)');
    const target = values.output === undefined ? undefined : resolve(io.cwd, values.output);
    // A file is written under a temp name and renamed when complete: a failed run leaves no half pack.
    const temp = target && `${target}.${process.pid}.partial`;
    // Opened before the walk starts, so the walk always meets (and skips) it.
    const out = temp ? createWriteStream(temp, { fd: openSync(temp, 'wx') }) : io.stdout;
    let summary: Awaited<ReturnType<typeof packTree>>;
    try {
      summary = await packTree(positionals, out, {
        cwd: io.cwd,
        prune: values.prune,
        exclude: temp ? [temp] : [],
        onSkip: (path, reason) => io.stderr.write(`sys pack: skipped ${path}: ${reason}\n`),
      });
      if (temp && target) {
        out.end();
        await finished(out);
        renameSync(temp, target);
      }
    } catch (error) {
      if (temp) rmSync(temp, { force: true });
      throw error;
    }
    return summary.skipped > 0 && summary.entries === 0 ? 2 : 0;
  },
};

function input(file: string | undefined, io: Io): NodeJS.ReadableStream & AsyncIterable<Buffer> {
  if (file === undefined || file === '-') return process.stdin;
  return createReadStream(resolve(io.cwd, file), { highWaterMark: 1 << 20 });
}

function describeEntry(e: EntryHeader): string {
  if (e.type === 'dir') return `${e.path}/`;
  if (e.type === 'symlink') return `${e.path} -> ${e.target}`;
  return e.path;
}

const unpackHelp = `Usage: sys unpack [FILE|-] [-C DIR] [--force] [--list] [--dry-run]

Unpack a pack (the @sys/pack format, the chapter's pack1 output, or more output) from FILE
or stdin into DIR (default: here). Nothing is ever written outside DIR: absolute paths,
'..', backslashes, drive letters and paths through symlinks are refused with the entry's
line. Existing files are kept unless --force. A truncated or edited pack is an error.

Options:
  -C, --directory DIR  unpack into DIR (made if missing)
  --force              overwrite files that exist
  --list               print the entries (checking the whole pack), write nothing
  --dry-run            check everything and print what would be written, write nothing
  -h, --help           show this help

Prints each entry written. Exit status: 0 done; 2 bad usage, or a malformed or unsafe pack.
`;

/** `sys unpack`: the chapter's unpack1, refusing anything that would escape the destination. */
export const unpack: Command = {
  help: unpackHelp,
  async run(argv, io) {
    const { values, positionals } = parse('unpack', argv, {
      directory: { type: 'string', short: 'C' },
      force: { type: 'boolean' },
      list: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    });
    if (positionals.length > 1) throw new UsageError('unpack: give at most one FILE (sys unpack --help)');
    const source = input(positionals[0], io);
    const lines: string[] = [];
    if (values.list) {
      for await (const e of list(source)) lines.push(describeEntry(e));
    } else {
      await unpackStream(source, {
        dest: resolve(io.cwd, values.directory ?? '.'),
        force: values.force,
        dryRun: values['dry-run'],
        onEntry: (e) => lines.push(describeEntry(e)),
      });
    }
    io.stdout.write(lines.map((l) => `${l}\n`).join(''));
    return 0;
  },
};

const unmoreHelp = `Usage: sys unmore [FILE|-] [-C DIR] [--force]

Recreate the files of 'more FILES > out' output (a 14-colon rule, the name, a rule, then
the text) from FILE or stdin, into DIR (default: here), as safely as sys unpack.

Exit status: 0 done; 2 bad usage, or input that is not more output, or an unsafe name.
`;

/** `sys unmore`: the chapter's unmore. */
export const unmore: Command = {
  help: unmoreHelp,
  async run(argv, io) {
    const { values, positionals } = parse('unmore', argv, {
      directory: { type: 'string', short: 'C' },
      force: { type: 'boolean' },
    });
    if (positionals.length > 1) throw new UsageError('unmore: give at most one FILE (sys unmore --help)');
    const created: string[] = [];
    const result = await unpackStream(input(positionals[0], io), {
      dest: resolve(io.cwd, values.directory ?? '.'),
      force: values.force,
      onEntry: (e) => created.push(`creating ${e.path}\n`),
    });
    if (result.format !== 'more')
      io.stderr.write(`sys unmore: note: the input was a ${result.format} pack, not more output\n`);
    io.stdout.write(created.join(''));
    return 0;
  },
};
