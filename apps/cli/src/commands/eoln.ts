import { lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { convertTree, DEFAULT_PRUNE, type Detection, detect, type TreeFileResult } from '@sys/eoln';
import { compile, findEntriesSync } from '@sys/find';
import { displayAs, parse } from '../_args.js';
import type { Command } from '../_command.js';
import { UsageError } from '../_errors.js';
import { Progress, RecordWriter } from '../_output.js';

const help = `Usage: sys eoln tounix|todos|check|info PATH... [options]

Line endings of files, and of every file under directories (walked; .git and
node_modules are not entered unless --prune is given).

  tounix   convert CRLF to LF         todos   convert LF to CRLF
  check    change nothing; list the files tounix would change (see --to)
  info     per file: counts of CRLF, LF and lone CR, BOM, text or binary

A file is rewritten only when it changes, through a temp file renamed over it, keeping its
mode. Binary and UTF-16/32 files and symlinks are skipped. A run of CRs right before an LF
is one line ending: tounix drops all of them, so running it twice never changes a file again.

Options:
  --pattern PAT   only files whose name matches PAT (fnmatch); repeatable
  --prune PAT     do not enter directories whose name matches PAT; repeatable
  --dry-run       print what would change, change nothing
  --keep-date     keep each file's modification time
  --force         convert binary and UTF-16/32 files too
  --to lf|crlf    the form check wants (default lf)
  -0              end each path with NUL instead of a newline
  --json          info: one JSON object a line
  -h, --help      show this help

Prints each changed file, then 'converted N files, skipped M, failed K' on stderr.
Exit status: 0 done; 1 check found files to convert; 2 bad usage, or files that failed.
`;

/** `sys eoln`: the chapter's fixeoln scripts as one command, safe to run over a repository. */
export const eoln: Command = {
  help,
  async run(argv, io) {
    const { values, positionals } = parse('eoln', argv, {
      pattern: { type: 'string', multiple: true },
      prune: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      'keep-date': { type: 'boolean' },
      force: { type: 'boolean' },
      to: { type: 'string' },
      '0': { type: 'boolean', short: '0' },
      json: { type: 'boolean' },
    });
    const [action, ...paths] = positionals;
    if (action !== 'tounix' && action !== 'todos' && action !== 'check' && action !== 'info') {
      throw new UsageError('eoln: the first argument is tounix, todos, check or info (sys eoln --help)');
    }
    if (paths.length === 0) throw new UsageError(`eoln: ${action} needs at least one PATH`);
    const to = action === 'todos' ? 'crlf' : action === 'tounix' ? 'lf' : (values.to ?? 'lf');
    if (to !== 'lf' && to !== 'crlf') throw new UsageError(`eoln: --to wants lf or crlf, not '${to}'`);
    const out = new RecordWriter(io.stdout, values['0'] ? '\0' : '\n');
    if (action === 'info') return info(paths, values, io, out);

    const checking = action === 'check';
    const progress = new Progress(io.stderr);
    let seen = 0;
    const roots = paths.map((typed) => {
      const abs = resolve(io.cwd, typed);
      return { abs, show: displayAs(typed, abs) };
    });
    // Results come back as absolute paths: show them under the PATH the user typed.
    const show = (path: string) => {
      const root = roots.find((r) => path === r.abs || path.startsWith(`${r.abs}/`));
      return root ? root.show(path) : path;
    };
    const summary = await convertTree(
      roots.map((r) => r.abs),
      to,
      {
        patterns: values.pattern,
        prune: values.prune,
        dryRun: checking || values['dry-run'],
        keepMtime: values['keep-date'],
        force: values.force,
        onFile(result: TreeFileResult) {
          seen++;
          progress.update(() => `eoln: ${seen.toLocaleString('en')} files`);
          if (result.status === 'changed') out.write(show(result.path));
          if (result.status === 'failed') {
            progress.done();
            io.stderr.write(`sys eoln: ${show(result.path)}: ${result.error.reason}\n`);
          }
        },
      },
    );
    progress.done();
    out.flush();
    const verb = checking || values['dry-run'] ? 'would convert' : 'converted';
    io.stderr.write(
      `${verb} ${summary.changed} file${summary.changed === 1 ? '' : 's'}, skipped ${summary.skipped}, failed ${summary.failed}\n`,
    );
    if (summary.failed > 0) return 2;
    return checking && summary.changed > 0 ? 1 : 0;
  },
};

async function info(
  paths: string[],
  values: { pattern?: string[]; prune?: string[]; json?: boolean },
  io: Parameters<Command['run']>[1],
  out: RecordWriter,
): Promise<number> {
  const wanted = (values.pattern ?? []).map((p) => compile(p));
  let status = 0;
  const report = async (path: string, shown: string) => {
    let d: Detection;
    try {
      d = await detect(path);
    } catch (error) {
      io.stderr.write(`sys eoln: ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      status = 2;
      return;
    }
    if (values.json) {
      out.write(
        JSON.stringify({ path: shown, crlf: d.crlf, lf: d.lf, cr: d.cr, bom: d.bom ?? null, binary: d.binary }),
      );
    } else {
      const cell = (n: number) => String(n).padStart(8);
      out.write(
        `${cell(d.crlf)}${cell(d.lf)}${cell(d.cr)}  ${(d.bom ?? 'no_bom').padEnd(8)}${d.binary ? 'binary' : 'text  '}  ${shown}`,
      );
    }
  };
  if (!values.json) io.stdout.write('    CRLF      LF      CR  BOM     TYPE    FILE\n');
  for (const given of paths) {
    const path = resolve(io.cwd, given);
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st?.isDirectory()) {
      await report(path, given);
      continue;
    }
    const show = displayAs(given, path);
    for (const { path: file } of findEntriesSync('*', path, { type: 'file', prune: values.prune ?? DEFAULT_PRUNE })) {
      const name = file.slice(file.lastIndexOf('/') + 1);
      if (wanted.length > 0 && !wanted.some((p) => p(name))) continue;
      await report(file, show(file));
    }
  }
  out.flush();
  return status;
}
