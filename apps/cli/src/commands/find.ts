import { type EntryType, type FindOptions, findEntriesSync } from '@sys/find';
import { describeFsError, directoryArg, displayAs, parse, wholeNumber } from '../_args.js';
import type { Command } from '../_command.js';
import { UsageError } from '../_errors.js';
import { RecordWriter } from '../_output.js';

const TYPES: Record<string, EntryType> = { f: 'file', d: 'dir', l: 'symlink' };

const help = `Usage: sys find PATTERN [ROOT...] [options]

Print every file and directory under each ROOT (default .) whose name matches PATTERN,
with Python's fnmatch rules: * ? [seq] [!seq]; * matches a leading dot; no braces.

Options:
  --type f|d|l      only files, directories or symlinks
  --prune PAT       do not enter (nor print) directories whose name matches PAT; repeatable
  --max-depth N     go at most N levels below ROOT (1: ROOT's own entries)
  --follow          enter symlinks to directories (loops are detected and skipped)
  --glob            match PATTERN against the path below ROOT as a glob (src/**/*.ts)
  --sort            sort the paths of each ROOT
  -0                end each path with NUL instead of a newline
  --json            print one JSON object a line: {"path": ..., "type": ...}
  -h, --help        show this help

Exit status: 0 done (unreadable directories are reported on stderr and skipped);
2 bad usage or a ROOT that is missing or not a directory (the other ROOTs are still searched).
`;

/** `sys find`: the chapter's find module at the shell. */
export const find: Command = {
  help,
  async run(argv, io) {
    const { values, positionals } = parse('find', argv, {
      type: { type: 'string' },
      prune: { type: 'string', multiple: true },
      'max-depth': { type: 'string' },
      follow: { type: 'boolean' },
      glob: { type: 'boolean' },
      sort: { type: 'boolean' },
      '0': { type: 'boolean', short: '0' },
      json: { type: 'boolean' },
    });
    const [pattern, ...given] = positionals;
    if (pattern === undefined) throw new UsageError('find: missing PATTERN (sys find --help)');
    let type: EntryType | undefined;
    if (values.type !== undefined) {
      type = TYPES[values.type];
      if (!type) throw new UsageError(`find: --type wants f, d or l, not '${values.type}'`);
    }
    const maxDepth = wholeNumber('find', '--max-depth', values['max-depth']);
    const out = new RecordWriter(io.stdout, values['0'] ? '\0' : '\n');
    let status = 0;
    const options: FindOptions = {
      type,
      maxDepth,
      prune: values.prune,
      followSymlinks: values.follow,
      glob: values.glob,
      onError: (error) => io.stderr.write(`sys find: ${describeFsError(error)}\n`),
    };
    for (const root of given.length > 0 ? given : ['.']) {
      // Relative roots are the caller's, whatever folder the process was started from.
      const { path: where, problem } = directoryArg(root, io.cwd);
      if (problem) {
        io.stderr.write(`sys find: ${problem}\n`);
        status = 2;
        continue;
      }
      const show = displayAs(root, where);
      const found = findEntriesSync(pattern, where, options);
      if (values.sort) {
        const all = [...found].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        for (const f of all)
          out.write(values.json ? JSON.stringify({ path: show(f.path), type: f.type }) : show(f.path));
      } else {
        for (const f of found)
          out.write(values.json ? JSON.stringify({ path: show(f.path), type: f.type }) : show(f.path));
      }
    }
    out.flush();
    return status;
  },
};
