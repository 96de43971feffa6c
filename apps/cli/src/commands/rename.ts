import { linkSync, lstatSync, type PathLike, renameSync, type Stats, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { findEntries, glob } from '@sys/find';
import { encodeName, isWellFormed } from '../_bytes.js';
import { describeError } from '../_describe.js';
import { exactPath, pathRecord } from '../_names.js';
import { quoteName } from '../_quote.js';
import { displayAs } from '../_roots.js';
import { defineSpec } from '../_spec.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';

const spec = defineSpec({
  name: 'rename',
  args: [{ name: 'PATTERN', required: true }, { name: 'OLD' }, { name: 'NEW' }],
  description: `Rename the files matching PATTERN (a glob in this folder, as the chapter's glob + os.rename;
with --recursive, every file whose name matches PATTERN below this folder). Only the last
part of each path changes. No rename ever overwrites a file: one whose new name exists, or
that two renames would both take, is refused and named on stderr; the others go ahead.
Prints one 'OLD -> NEW' line per rename.`,
  options: {
    upper: { kind: 'flag', help: 'NAME -> upper case' },
    lower: { kind: 'flag', help: 'NAME -> lower case' },
    replace: { kind: 'flag', help: 'every OLD in the name -> NEW (plain text)' },
    sub: { kind: 'flag', help: 'OLD is a JavaScript regex, NEW its replacement ($1 for groups)' },
    'dry-run': { kind: 'flag', help: 'print what would be renamed, change nothing' },
    recursive: { kind: 'flag', help: 'match names in the whole tree below this folder' },
    json: { kind: 'flag', help: 'one JSON object a rename: {"from": ..., "to": ...}' },
  },
  examples: [
    ["sys rename '*.JPG' --lower --dry-run", 'show how the JPGs here would be renamed'],
    ["sys rename '*.txt' --replace ' ' _ --recursive", 'spaces to underscores in every .txt below here'],
    ["sys rename '*.py' --sub '^(\\w+)_(\\d+)' '$2_$1'", 'swap two parts of each name'],
  ],
  exit: '0 all done; 1 some renames refused (the others were done); 2 bad usage.',
});

interface Plan {
  from: string;
  to: string;
}

function transformer(values: Record<string, unknown>, positionals: string[]): (name: string) => string {
  const chosen = ['upper', 'lower', 'replace', 'sub'].filter((k) => values[k]);
  if (chosen.length !== 1) throw new UsageError('choose one of --upper, --lower, --replace, --sub');
  const [what, by] = positionals;
  if ((values.upper || values.lower) && what !== undefined) {
    throw new UsageError(`unexpected argument '${quoteName(what)}' (--${chosen[0]} takes none)`);
  }
  if (values.upper) return (name) => name.toUpperCase();
  if (values.lower) return (name) => name.toLowerCase();
  if (what === undefined || by === undefined) {
    throw new UsageError(`--${chosen[0]} needs OLD and NEW after PATTERN`);
  }
  if (values.replace) return (name) => name.replaceAll(what, by);
  let re: RegExp;
  try {
    re = new RegExp(what, 'g');
  } catch (error) {
    throw new UsageError(`bad --sub regex: ${(error as Error).message}`);
  }
  return (name) => name.replace(re, by);
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** A path as fs wants it: text, or the exact bytes when the name is not UTF-8. */
function fsPath(path: string): string | Buffer {
  return isWellFormed(path) ? path : encodeName(path);
}

/** Renames without ever replacing an existing file: a hard link fails if the name is taken. */
function renameNoClobber(from: PathLike, to: PathLike, st: Stats): void {
  if (!st.isDirectory()) {
    try {
      linkSync(from, to);
      unlinkSync(from);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Filesystems without hard links, or a case-only rename on a case-folding one.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && !(code === 'EEXIST' && sameTarget(from, to))) {
        throw error;
      }
    }
  }
  renameSync(from, to);
}

function sameTarget(from: PathLike, to: PathLike): boolean {
  const a = lstatSync(from, { throwIfNoEntry: false });
  const b = lstatSync(to, { throwIfNoEntry: false });
  return a !== undefined && b !== undefined && sameFile(a, b);
}

/** Every non-directory below `cwd` whose name matches, as ./relative paths: renaming a directory mid-walk would move its files. */
async function below(pattern: string, cwd: string, signal: AbortSignal): Promise<string[]> {
  const show = displayAs('.', cwd);
  const out: string[] = [];
  for await (const found of findEntries(pattern, cwd, { signal })) if (found.type !== 'dir') out.push(show(found.path));
  return out;
}

/** `sys rename`: batch rename by glob, refusing anything that would overwrite. */
export const rename = defineCommand(spec, async ({ values, args }, session) => {
  const [pattern = '', ...rest] = args;
  const change = transformer(values, rest);
  const cwd = session.cwd;
  const matched = values.recursive ? await below(pattern, cwd, session.signal) : await glob(pattern, { cwd });
  const plans: Plan[] = [];
  const skip = cwd.endsWith('/') ? cwd.length : cwd.length + 1;
  // A name that is not UTF-8 comes from the walk with U+FFFD in it: take its real bytes (as
  // lone surrogates, see _bytes.ts), so it can be renamed like any other.
  const exact = (from: string) => (from.includes('\uFFFD') ? exactPath(resolve(cwd, from)).slice(skip) : from);
  for (const from of matched.map(exact)) {
    const name = change(basename(from));
    if (name === basename(from)) continue;
    plans.push({ from, to: join(dirname(from), name) });
  }
  let refused = 0;
  const refuse = (plan: Plan, why: string) => {
    refused++;
    session.report.error(plan.from, `not renamed to ${quoteName(plan.to)}: ${why}`, false);
  };
  const targets = new Map<string, Plan[]>();
  for (const plan of plans) targets.set(plan.to, [...(targets.get(plan.to) ?? []), plan]);
  const out = session.output();
  const shown = (path: string) => (session.terminal ? quoteName(path, Number.POSITIVE_INFINITY) : path);
  for (const [i, plan] of plans.entries()) {
    // Now and then give Ctrl-C a chance: a rename never stops half-way, the list can.
    if (i % 256 === 255) await turn(undefined, { signal: session.signal });
    const name = basename(plan.to);
    if (name === '' || name === '.' || name === '..' || name.includes('/')) {
      refuse(plan, 'the new name is not a plain file name');
      continue;
    }
    const rivals = (targets.get(plan.to) ?? []).filter((p) => p !== plan);
    if (rivals.length > 0) {
      refuse(plan, `so would ${rivals.map((p) => quoteName(p.from)).join(', ')}`);
      continue;
    }
    const from = fsPath(resolve(cwd, plan.from));
    const to = fsPath(resolve(cwd, plan.to));
    let st: Stats;
    let existing: Stats | undefined;
    try {
      // Gone since the glob: refused, the rest go on.
      st = lstatSync(from);
      existing = lstatSync(to, { throwIfNoEntry: false });
    } catch (error) {
      refuse(plan, describeError(error).text);
      continue;
    }
    if (existing && !sameFile(existing, st)) {
      refuse(plan, 'a file of that name exists');
      continue;
    }
    if (!values['dry-run']) {
      try {
        renameNoClobber(from, to, st);
      } catch (error) {
        refuse(plan, describeError(error).text);
        continue;
      }
    }
    out.write(values.json ? JSON.stringify(plan) : pathRecord(`${shown(plan.from)} -> ${shown(plan.to)}`, false));
  }
  return refused > 0 ? 1 : 0;
});
