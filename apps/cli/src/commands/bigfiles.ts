import { largest, type SizedFile } from '@sys/find';
import { describeError } from '../_describe.js';
import { exactPath, pathRecord } from '../_names.js';
import { directoryRoots } from '../_roots.js';
import { defineSpec } from '../_spec.js';
import { defineCommand } from '../command.js';

const spec = defineSpec({
  name: 'bigfiles',
  args: [{ name: 'ROOT', variadic: true }],
  description: `The largest files under the ROOTs (default .), largest first, as SIZE<TAB>PATH lines.
Only the top N are kept in memory while the trees are walked.`,
  options: {
    top: { kind: 'number', value: 'N', default: 10, help: 'how many files' },
    pattern: { kind: 'text', value: 'PAT', help: 'only files whose name matches PAT (fnmatch)' },
    prune: { kind: 'text', value: 'PAT', multiple: true, help: 'do not enter directories matching PAT' },
    follow: { kind: 'flag', help: 'follow symlinks (to directories and files)' },
    print0: { kind: 'flag', short: '0', help: 'end each SIZE<TAB>PATH with NUL instead of a newline' },
    json: { kind: 'flag', help: 'one JSON object a line: {"size": ..., "path": ...}' },
  },
  examples: [
    ['sys bigfiles ~ --top 5', 'the five largest files in your home'],
    ["sys bigfiles . --pattern '*.log' --prune node_modules", 'the largest logs, not looking in node_modules'],
  ],
  exit: '0 done; 2 bad usage, or a ROOT that is missing or not a directory (the others are still walked).',
});

/** `sys bigfiles`: the chapter's largest-files finder. */
export const bigfiles = defineCommand(spec, async ({ values, args }, session) => {
  const best: SizedFile[] = [];
  let looked = 0;
  for (const root of directoryRoots(args.length > 0 ? args : ['.'], session)) {
    const before = looked;
    const files = await largest(root.path, values.top, {
      pattern: values.pattern,
      prune: values.prune,
      followSymlinks: values.follow,
      signal: session.signal,
      onError: (error) => {
        const { path, text } = describeError(error);
        session.report.warn(path, text);
      },
      onProgress: (seen) => {
        looked = before + seen;
        session.progress.update(() => `bigfiles: ${looked.toLocaleString('en')} files looked at`);
      },
    });
    best.push(...files.map((f) => ({ size: f.size, path: root.show(exactPath(f.path)) })));
  }
  session.progress.clear();
  // Several ROOTs: the largest of their tops (a stable sort keeps each ROOT's order for ties).
  best.sort((a, b) => b.size - a.size);
  const out = session.output(values.print0 ? '\0' : '\n');
  for (const f of best.slice(0, values.top)) {
    out.write(values.json ? JSON.stringify(f) : pathRecordLine(f, session.terminal));
  }
  return 0;
});

function pathRecordLine(f: SizedFile, terminal: boolean): string | Buffer {
  const path = pathRecord(f.path, terminal);
  return typeof path === 'string' ? `${f.size}\t${path}` : Buffer.concat([Buffer.from(`${f.size}\t`), path]);
}
