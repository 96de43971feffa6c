import { walkSync } from '@sys/find';
import { describeError } from '../_describe.js';
import { exactPath, pathRecord } from '../_names.js';
import { directoryRoots } from '../_roots.js';
import { defineSpec } from '../_spec.js';
import { defineCommand } from '../command.js';

const spec = defineSpec({
  name: 'walk',
  args: [{ name: 'ROOT', required: true, variadic: true }],
  description: `List trees as the chapter's lister does: each directory as [DIR], then the path of each
file in it, one a line; subdirectories follow with their own [DIR] line.`,
  options: {
    prune: { kind: 'text', value: 'PAT', multiple: true, help: 'do not enter directories matching PAT' },
    'max-depth': { kind: 'number', value: 'N', help: 'read at most N levels below ROOT (0: ROOT only)' },
    follow: { kind: 'flag', help: 'enter symlinks to directories (loops are detected and skipped)' },
    'bottom-up': { kind: 'flag', help: 'list a directory after everything below it' },
    json: { kind: 'flag', help: 'one JSON object per directory: {"dir": ..., "dirs": [...], "files": [...]}' },
  },
  examples: [
    ['sys walk src --prune node_modules', 'every directory of src and its files'],
    ['sys walk . --max-depth 1 --json', 'this folder and the folders in it, as JSON'],
  ],
  exit: '0 done; 2 bad usage, or a ROOT that is missing or not a directory (the others are still walked).',
});

/** `sys walk`: os.walk at the shell, printed as the chapter's lister prints it. */
export const walk = defineCommand(spec, async ({ values, args }, session) => {
  const out = session.output();
  const line = (path: string) => pathRecord(path, session.terminal);
  for (const root of directoryRoots(args, session)) {
    // The synchronous walk, with a turn for the event loop at every chunk of output (see find).
    const entries = walkSync(root.path, {
      topDown: !values['bottom-up'],
      // The walk prunes: a pruned directory is neither entered nor listed, top-down or bottom-up.
      prune: values.prune,
      maxDepth: values['max-depth'],
      followSymlinks: values.follow,
      signal: session.signal,
      onError: (error) => {
        const { path, text } = describeError(error);
        session.report.warn(path, text);
      },
    });
    for (const entry of entries) {
      const dir = exactPath(entry.dir);
      const inDir = (name: string) => exactPath(entry.dir.endsWith('/') ? entry.dir + name : `${entry.dir}/${name}`);
      if (values.json) {
        const names = (list: string[]) => list.map((name) => inDir(name).slice(inDir(name).lastIndexOf('/') + 1));
        out.write(JSON.stringify({ dir: root.show(dir), dirs: names(entry.dirs), files: names(entry.files) }));
      } else {
        const shown = root.show(dir);
        out.write(session.terminal ? `[${line(shown)}]` : pathRecordIn('[', shown, ']'));
        for (const name of entry.files) out.write(line(root.show(inDir(name))));
      }
      if (out.due) await out.settle();
    }
  }
  return 0;
});

function pathRecordIn(before: string, path: string, after: string): string | Buffer {
  const raw = pathRecord(path, false);
  return typeof raw === 'string' ? before + raw + after : Buffer.concat([Buffer.from(before), raw, Buffer.from(after)]);
}
