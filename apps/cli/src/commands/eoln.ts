import { convertTree, type FileResult } from '@sys/eoln';
import { decodeName } from '../_bytes.js';
import { describeError } from '../_describe.js';
import { exactPath, pathRecord } from '../_names.js';
import { existingPaths, showUnder } from '../_paths.js';
import { defineSpec } from '../_spec.js';
import { defineCommand } from '../command.js';

const spec = defineSpec({
  name: 'eoln',
  args: [
    { name: 'ACTION', required: true, choices: ['tounix', 'todos', 'check', 'info'] },
    { name: 'PATH', required: true, variadic: true },
  ],
  description: `Line endings of files, and of every file under directories (walked; .git and
node_modules are not entered unless --prune is given).

  tounix   convert CRLF to LF         todos   convert LF to CRLF
  check    change nothing; list the files tounix would change (see --to)
  info     per file: counts of CRLF, LF and lone CR, BOM, text or binary

A file is rewritten only when it changes, through a temp file renamed over it, keeping its
mode. Binary and UTF-16/32 files and symlinks are skipped. A run of CRs right before an LF
is one line ending: tounix drops all of them, so running it twice never changes a file again.
Prints each changed file, then 'converted N files, skipped M, failed K' on stderr. Ctrl-C
stops at once and leaves no temp file behind.`,
  options: {
    pattern: { kind: 'text', value: 'PAT', multiple: true, help: 'only files whose name matches PAT (fnmatch)' },
    prune: { kind: 'text', value: 'PAT', multiple: true, help: 'do not enter directories matching PAT' },
    'dry-run': { kind: 'flag', help: 'print what would change, change nothing' },
    'keep-date': { kind: 'flag', help: "keep each file's modification time" },
    binary: { kind: 'flag', help: 'convert binary and UTF-16/32 files too' },
    to: { kind: 'choice', choices: ['lf', 'crlf'], help: 'the form check wants (default lf)' },
    print0: { kind: 'flag', short: '0', help: 'end each path with NUL instead of a newline' },
    json: { kind: 'flag', help: 'info: one JSON object a line' },
  },
  examples: [
    [
      "sys eoln check . --pattern '*.ts' --pattern '*.md'",
      'exit 1 if any TypeScript or Markdown file has CRLF (a CI lint)',
    ],
    ['sys eoln tounix src docs --dry-run', 'list the files tounix would change'],
    ['sys eoln info notes.txt --json', 'counts of each line ending, as JSON'],
  ],
  exit: `0 done; 1 check found files to convert; 2 bad usage, a PATH that is missing, or files
that failed (the others are still converted).`,
  cleansUp: true,
});

/** `sys eoln`: the chapter's fixeoln scripts as one command, safe to run over a repository. */
export const eoln = defineCommand(spec, async ({ values, args }, session) => {
  const [action, ...typed] = args;
  const out = session.output(values.print0 ? '\0' : '\n');
  const paths = existingPaths(typed, session);
  // Loaded only for info: it walks with @sys/find, which converting a single file does not need.
  if (action === 'info') return (await import('./_eoln-info.js')).info(paths, values, session, out);
  const to = action === 'todos' ? 'crlf' : action === 'tounix' ? 'lf' : (values.to ?? 'lf');
  const checking = action === 'check';
  const dryRun = checking || values['dry-run'];
  const show = showUnder(paths);
  let seen = 0;
  const summary = await convertTree(
    paths.map((p) => p.path),
    to,
    {
      patterns: values.pattern,
      prune: values.prune.length > 0 ? values.prune : undefined,
      dryRun,
      keepMtime: values['keep-date'],
      convertBinary: values.binary,
      signal: session.signal,
      onFile(result: FileResult) {
        seen++;
        session.progress.update(() => `eoln: ${seen.toLocaleString('en')} files`, show(result.path));
        if (result.status !== 'changed') return;
        // Its bytes, when its name is not UTF-8: printed as they are on disk, escaped on a terminal.
        const exact = result.bytePath ? decodeName(result.bytePath) : result.path;
        out.write(pathRecord(show(exact), session.terminal));
      },
      onError(error) {
        seen++;
        const path = error.path ?? '';
        const cause = error.cause as { syscall?: unknown } | undefined;
        const reason = (error as { reason?: string }).reason ?? error.message;
        const text = cause?.syscall ? describeError(cause).text : reason;
        const bytes = (error as { bytePath?: Buffer }).bytePath;
        session.report.error(show(bytes ? decodeName(bytes) : exactPath(path)), text);
      },
    },
  );
  out.flush();
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  const verb = dryRun ? 'would convert' : 'converted';
  session.report.note(`${verb} ${files(summary.changed)}, skipped ${summary.skipped}, failed ${summary.failed}`);
  if (summary.failed > 0) return 2;
  return checking && summary.changed > 0 ? 1 : 0;
});
