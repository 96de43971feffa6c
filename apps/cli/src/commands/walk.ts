import { compile, walkSync } from '@sys/find';
import { describeFsError, directoryArg, displayAs, parse, wholeNumber } from '../_args.js';
import type { Command } from '../_command.js';
import { UsageError } from '../_errors.js';
import { RecordWriter } from '../_output.js';

const help = `Usage: sys walk ROOT [options]

List a tree as the chapter's lister does: each directory as [DIR], then the path of each
file in it, one a line; subdirectories follow with their own [DIR] line.

Options:
  --prune PAT       do not enter directories whose name matches PAT; repeatable
  --max-depth N     read at most N levels below ROOT (0: ROOT only)
  --follow          enter symlinks to directories (loops are detected and skipped)
  --bottom-up       list a directory after everything below it
  --json            one JSON object per directory: {"dir": ..., "dirs": [...], "files": [...]}
  -h, --help        show this help

Exit status: 0 done; 2 bad usage or a ROOT that is missing or not a directory.
`;

/** `sys walk`: os.walk at the shell, printed as the chapter's lister prints it. */
export const walk: Command = {
  help,
  async run(argv, io) {
    const { values, positionals } = parse('walk', argv, {
      prune: { type: 'string', multiple: true },
      'max-depth': { type: 'string' },
      follow: { type: 'boolean' },
      'bottom-up': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const [root, ...extra] = positionals;
    if (root === undefined || extra.length > 0) throw new UsageError('walk: give one ROOT (sys walk --help)');
    const { path: where, problem } = directoryArg(root, io.cwd);
    if (problem) throw new UsageError(`walk: ${problem}`);
    const show = displayAs(root, where);
    const join = (dir: string, name: string) => show(dir.endsWith('/') ? dir + name : `${dir}/${name}`);
    const out = new RecordWriter(io.stdout);
    const entries = walkSync(where, {
      topDown: !values['bottom-up'],
      maxDepth: wholeNumber('walk', '--max-depth', values['max-depth']),
      followSymlinks: values.follow,
      onError: (error) => io.stderr.write(`sys walk: ${describeFsError(error)}\n`),
    });
    const pruned = (values.prune ?? []).map((pattern) => compile(pattern));
    for (const entry of entries) {
      if (pruned.length > 0) entry.dirs = entry.dirs.filter((name) => !pruned.some((test) => test(name)));
      if (values.json) {
        out.write(JSON.stringify({ dir: show(entry.dir), dirs: entry.dirs, files: entry.files }));
        continue;
      }
      out.write(`[${show(entry.dir)}]`);
      for (const name of entry.files) out.write(join(entry.dir, name));
    }
    out.flush();
    return 0;
  },
};
