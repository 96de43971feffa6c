import { type EntryType, type Found, findEntriesSync } from '@sys/find';
import { describeError } from '../_describe.js';
import { exactPath, pathRecord } from '../_names.js';
import { directoryRoots } from '../_roots.js';
import { defineSpec } from '../_spec.js';
import { defineCommand } from '../command.js';

const TYPES: Record<string, EntryType> = { f: 'file', d: 'dir', l: 'symlink' };

const spec = defineSpec({
  name: 'find',
  args: [
    { name: 'PATTERN', required: true },
    { name: 'ROOT', variadic: true },
  ],
  description: `Every file and directory under each ROOT (default .) whose name matches PATTERN, with
Python's fnmatch rules: * ? [seq] [!seq]; * matches a leading dot; no braces. Paths are
printed as they are on disk (bytes that are not UTF-8 too); on a terminal, control
characters in names are shown escaped.`,
  options: {
    type: { kind: 'choice', choices: ['f', 'd', 'l'], help: 'only files, directories or symlinks' },
    prune: { kind: 'text', value: 'PAT', multiple: true, help: 'do not enter (nor print) directories matching PAT' },
    'max-depth': { kind: 'number', value: 'N', help: "go at most N levels below ROOT (1: ROOT's own entries)" },
    follow: { kind: 'flag', help: 'enter symlinks to directories (loops are detected and skipped)' },
    glob: { kind: 'flag', help: 'match PATTERN against the path below ROOT as a glob (src/**/*.ts)' },
    sort: { kind: 'flag', help: 'sort the paths of each ROOT (kept in memory until the ROOT is done)' },
    print0: { kind: 'flag', short: '0', help: 'end each path with NUL instead of a newline' },
    json: { kind: 'flag', help: 'one JSON object a line: {"path": ..., "type": ...}' },
  },
  examples: [
    [
      "sys find '*.py' src --prune node_modules --prune .git",
      'Python files under src, not entering node_modules or .git',
    ],
    ["sys find '*.ts' . -0 | xargs -0 wc -l", 'count the lines of every TypeScript file, whatever the names hold'],
    ["sys find 'src/**/*.test.ts' . --glob --type f", 'test files below src, matched on the whole path'],
  ],
  exit: `0 done (unreadable directories are reported on stderr as warnings);
2 bad usage, or a ROOT that is missing or not a directory (the other ROOTs are still searched).`,
});

/** `sys find`: the chapter's find module at the shell. */
export const find = defineCommand(spec, async ({ values, args }, session) => {
  const [pattern = '', ...given] = args;
  const out = session.output(values.print0 ? '\0' : '\n');
  const options = {
    type: values.type ? TYPES[values.type] : undefined,
    maxDepth: values['max-depth'],
    prune: values.prune,
    followSymlinks: values.follow,
    glob: values.glob,
    signal: session.signal,
    onError: (error: unknown) => {
      const { path, text } = describeError(error);
      session.report.warn(path, text);
    },
  };
  for (const root of directoryRoots(given.length > 0 ? given : ['.'], session)) {
    const print = (f: Found) => {
      const path = root.show(exactPath(f.path));
      out.write(values.json ? JSON.stringify({ path, type: f.type }) : pathRecord(path, session.terminal));
    };
    // The synchronous walk: half the CPU of the async one. It gives the event loop a turn at
    // every chunk of output, which is when a closed pipe or Ctrl-C can have happened.
    const found = findEntriesSync(pattern, root.path, options);
    if (values.sort) {
      const all = [...found];
      all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const f of all) {
        print(f);
        if (out.due) await out.settle();
      }
      continue;
    }
    for (const f of found) {
      print(f);
      if (out.due) await out.settle();
    }
  }
  return 0;
});
