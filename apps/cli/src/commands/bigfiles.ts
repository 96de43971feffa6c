import { largestSync } from '@sys/find';
import { describeFsError, directoryArg, displayAs, parse, wholeNumber } from '../_args.js';
import type { Command } from '../_command.js';
import { UsageError } from '../_errors.js';
import { Progress, RecordWriter } from '../_output.js';

const help = `Usage: sys bigfiles [ROOT] [options]

Print the largest files under ROOT (default .), largest first, as SIZE<TAB>PATH lines.
Only the top N are kept in memory while the tree is walked.

Options:
  --top N           how many files (default 10)
  --pattern PAT     only files whose name matches PAT (fnmatch)
  --prune PAT       do not enter directories whose name matches PAT; repeatable
  --follow          follow symlinks (to directories and files)
  --json            one JSON object a line: {"size": ..., "path": ...}
  -h, --help        show this help

Exit status: 0 done; 2 bad usage or a ROOT that is missing or not a directory.
`;

/** `sys bigfiles`: the chapter's largest-files finder. */
export const bigfiles: Command = {
  help,
  async run(argv, io) {
    const { values, positionals } = parse('bigfiles', argv, {
      top: { type: 'string' },
      pattern: { type: 'string' },
      prune: { type: 'string', multiple: true },
      follow: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 1) throw new UsageError('bigfiles: give one ROOT (sys bigfiles --help)');
    const root = positionals[0] ?? '.';
    const top = wholeNumber('bigfiles', '--top', values.top) ?? 10;
    const { path: where, problem } = directoryArg(root, io.cwd);
    if (problem) throw new UsageError(`bigfiles: ${problem}`);
    const progress = new Progress(io.stderr);
    const files = largestSync(where, top, {
      pattern: values.pattern,
      prune: values.prune,
      followSymlinks: values.follow,
      onError: (error) => io.stderr.write(`sys bigfiles: ${describeFsError(error)}\n`),
      onProgress: (seen) => progress.update(() => `bigfiles: ${seen.toLocaleString('en')} files looked at`),
    });
    progress.done();
    const show = displayAs(root, where);
    const out = new RecordWriter(io.stdout);
    for (const f of files) {
      out.write(values.json ? JSON.stringify({ size: f.size, path: show(f.path) }) : `${f.size}\t${show(f.path)}`);
    }
    out.flush();
    return 0;
  },
};
