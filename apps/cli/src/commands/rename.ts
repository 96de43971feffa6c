import { linkSync, lstatSync, renameSync, type Stats, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { findEntriesSync, glob } from '@sys/find';
import { displayAs, parse } from '../_args.js';
import type { Command } from '../_command.js';
import { UsageError } from '../_errors.js';

const help = `Usage: sys rename PATTERN (--upper | --lower | --replace OLD NEW | --sub REGEX REPLACEMENT) [options]

Rename the files matching PATTERN (a glob in this folder, as the chapter's glob + os.rename;
with --recursive, every file whose name matches PATTERN below this folder). Only the last part of each
path changes. No rename ever overwrites a file: one whose new name exists, or that two
renames would both take, is refused and named on stderr; the others go ahead.

Options:
  --upper                  NAME -> upper case
  --lower                  NAME -> lower case
  --replace OLD NEW        every OLD in the name -> NEW (plain text)
  --sub REGEX REPLACEMENT  JavaScript regex replace, all matches ($1 for groups)
  --dry-run                print what would be renamed, change nothing
  --recursive              match names in the whole tree below this folder
  -h, --help               show this help

Prints one 'OLD -> NEW' line per rename. Exit status: 0 all done; 1 some renames refused;
2 bad usage.
`;

interface Plan {
  from: string;
  to: string;
}

function transformer(values: Record<string, unknown>, positionals: string[]): (name: string) => string {
  const chosen = ['upper', 'lower', 'replace', 'sub'].filter((k) => values[k]);
  if (chosen.length !== 1) throw new UsageError('rename: choose one of --upper, --lower, --replace, --sub');
  if (values.upper) return (name) => name.toUpperCase();
  if (values.lower) return (name) => name.toLowerCase();
  const [what, by] = positionals;
  if (what === undefined || by === undefined || positionals.length > 2) {
    throw new UsageError(`rename: --${chosen[0]} needs two arguments (sys rename --help)`);
  }
  if (values.replace) return (name) => name.replaceAll(what, by);
  let re: RegExp;
  try {
    re = new RegExp(what, 'g');
  } catch (error) {
    throw new UsageError(`rename: bad --sub regex: ${(error as Error).message}`);
  }
  return (name) => name.replace(re, by);
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Renames without ever replacing an existing file: a hard link fails if the name is taken. */
function renameNoClobber(from: string, to: string, st: Stats): void {
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

function sameTarget(from: string, to: string): boolean {
  const a = lstatSync(from, { throwIfNoEntry: false });
  const b = lstatSync(to, { throwIfNoEntry: false });
  return a !== undefined && b !== undefined && sameFile(a, b);
}

/** Every non-directory below `cwd` whose name matches, as ./relative paths: renaming a directory mid-walk would move its files. */
function below(pattern: string, cwd: string): string[] {
  const show = displayAs('.', cwd);
  const out: string[] = [];
  for (const found of findEntriesSync(pattern, cwd)) if (found.type !== 'dir') out.push(show(found.path));
  return out;
}

/** `sys rename`: batch rename by glob, refusing anything that would overwrite. */
export const rename: Command = {
  help,
  async run(argv, io) {
    const { values, positionals } = parse('rename', argv, {
      upper: { type: 'boolean' },
      lower: { type: 'boolean' },
      replace: { type: 'boolean' },
      sub: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      recursive: { type: 'boolean' },
    });
    const [pattern, ...rest] = positionals;
    if (pattern === undefined) throw new UsageError('rename: missing PATTERN (sys rename --help)');
    const change = transformer(values, rest);
    const matched = values.recursive ? below(pattern, io.cwd) : await glob(pattern, { cwd: io.cwd });
    const plans: Plan[] = [];
    for (const from of matched) {
      const name = change(basename(from));
      if (name === basename(from)) continue;
      plans.push({ from, to: join(dirname(from), name) });
    }
    let refused = 0;
    const refuse = (plan: Plan, why: string) => {
      refused++;
      io.stderr.write(`sys rename: refused ${plan.from} -> ${plan.to}: ${why}\n`);
    };
    const targets = new Map<string, Plan[]>();
    for (const plan of plans) targets.set(plan.to, [...(targets.get(plan.to) ?? []), plan]);
    const out: string[] = [];
    for (const plan of plans) {
      const name = basename(plan.to);
      if (name === '' || name === '.' || name === '..' || name.includes('/')) {
        refuse(plan, 'the new name is not a plain file name');
        continue;
      }
      const rivals = (targets.get(plan.to) ?? []).filter((p) => p !== plan);
      if (rivals.length > 0) {
        refuse(plan, `collides with the rename of ${rivals.map((p) => p.from).join(', ')}`);
        continue;
      }
      const from = resolve(io.cwd, plan.from);
      const to = resolve(io.cwd, plan.to);
      const st = lstatSync(from);
      const existing = lstatSync(to, { throwIfNoEntry: false });
      if (existing && !sameFile(existing, st)) {
        refuse(plan, `${plan.to} already exists`);
        continue;
      }
      if (!values['dry-run']) {
        try {
          renameNoClobber(from, to, st);
        } catch (error) {
          refuse(plan, (error as Error).message);
          continue;
        }
      }
      out.push(`${plan.from} -> ${plan.to}\n`);
    }
    io.stdout.write(out.join(''));
    return refused > 0 ? 1 : 0;
  },
};
