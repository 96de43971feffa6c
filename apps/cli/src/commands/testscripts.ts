import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { atomicWrite, ordered } from '@sys/core';
import { ProcessError, type RunResult, run } from '@sys/procs';
import { describeError } from '../_describe.js';
import type { Session } from '../_session.js';
import { defineSpec } from '../_spec.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';

const spec = defineSpec({
  name: 'testscripts',
  args: [{ name: 'DIR', required: true }],
  description: `The chapter's script tester: runs every script of DIR/Scripts with its saved arguments and
standard input, in DIR, and compares its stdout, stderr and exit status with the saved ones.
Prints one line per script, in name order: pass, FAIL (with a diff), or new (nothing saved
yet); then a summary on stderr. With --save, records what each new or changed script did.

  DIR/Scripts/NAME        the scripts: executable files, or .py (python3), .js .mjs .cjs
                          (node) and .sh (sh) files
  DIR/Args/NAME.args      its arguments, one a line, not split by any shell (optional)
  DIR/Inputs/NAME.in      its standard input (optional; none: end of file at once)
  DIR/Outputs/NAME.out    its expected stdout        DIR/Errors/NAME.err  its expected stderr
  DIR/Status/NAME.status  its expected exit status: a number, or a signal name (SIGTERM)

Scripts run in parallel (-j) with a time limit each (--timeout); a script past it is ended
with its whole process tree and fails.`,
  options: {
    save: { kind: 'flag', help: 'record the outputs of new and changed scripts as the expected ones' },
    jobs: {
      kind: 'number',
      short: 'j',
      value: 'N',
      min: 1,
      help: 'scripts run at once (default: the number of cores)',
    },
    timeout: { kind: 'number', value: 'SECS', min: 1, default: 60, help: 'seconds a script may run' },
  },
  examples: [
    ['sys testscripts tests', 'run every script of tests/Scripts and compare with what was saved'],
    ['sys testscripts tests --save', 'record what new or changed scripts do now'],
    ['sys testscripts tests -j 1 --timeout 5', 'one script at a time, five seconds each'],
  ],
  exit: '0 every script passed (or was saved); 1 a script failed or has nothing saved; 2 bad usage or a missing DIR.',
});

/** What one script did, and how it compares with what was saved. */
interface Outcome {
  name: string;
  verdict: 'pass' | 'FAIL' | 'new' | 'saved';
  /** Why it failed, in words. */
  reasons: string[];
  /** Diff lines of stdout and stderr against the saved ones. */
  diff: string[];
}

/** What a script did: its output, and its status as the Status file holds it. */
interface Got {
  stdout: Buffer;
  stderr: Buffer;
  status: string;
}

const RUNNERS: Record<string, string[]> = {
  '.py': ['python3'],
  '.js': [process.execPath],
  '.mjs': [process.execPath],
  '.cjs': [process.execPath],
  '.sh': ['sh'],
};

/** The command line that runs a script: itself when executable, else by its extension. */
function commandFor(path: string): string[] | undefined {
  const runner = RUNNERS[extname(path)];
  if (runner) return [...runner, path];
  try {
    accessSync(path, constants.X_OK);
    return [path];
  } catch {
    return undefined;
  }
}

function readOptional(path: string): Buffer | undefined {
  return existsSync(path) ? readFileSync(path) : undefined;
}

/** Runs one script; a script that cannot start or runs too long comes back as reasons. */
async function runScript(dir: string, name: string, timeoutMs: number, session: Session): Promise<Got | string> {
  const script = join(dir, 'Scripts', name);
  const command = commandFor(script);
  if (!command) return 'not executable, and no runner for its extension';
  const argsFile = readOptional(join(dir, 'Args', `${name}.args`));
  const args = argsFile
    ? argsFile
        .toString()
        .split('\n')
        .filter((a, i, all) => a !== '' || i < all.length - 1)
    : [];
  const input = join(dir, 'Inputs', `${name}.in`);
  let r: RunResult<Buffer>;
  try {
    r = await run([...command, ...args], {
      cwd: dir,
      ...(existsSync(input) ? { stdin: { file: input } } : { input: '' }),
      encoding: 'buffer',
      timeout: timeoutMs,
      signal: session.signal,
      group: true,
      forceKillAfter: 2000,
    });
  } catch (error) {
    if (session.signal.aborted) throw session.signal.reason;
    if (error instanceof ProcessError && error.reason === 'timeout') return `timed out after ${timeoutMs / 1000} s`;
    return describeError(error).text;
  }
  return { stdout: r.stdout, stderr: r.stderr, status: r.signal ?? String(r.code) };
}

/** Compares (and with --save, records) one script's outcome. */
async function judge(dir: string, name: string, got: Got | string, save: boolean): Promise<Outcome> {
  if (typeof got === 'string') return { name, verdict: 'FAIL', reasons: [got], diff: [] };
  const files = {
    out: join(dir, 'Outputs', `${name}.out`),
    err: join(dir, 'Errors', `${name}.err`),
    status: join(dir, 'Status', `${name}.status`),
  };
  const saved = { out: readOptional(files.out), err: readOptional(files.err), status: readOptional(files.status) };
  const reasons: string[] = [];
  const lines: string[] = [];
  if (saved.out === undefined || saved.err === undefined || saved.status === undefined) {
    reasons.push('nothing saved yet');
  } else {
    const status = saved.status.toString().trim();
    if (status !== got.status) reasons.push(`exit status ${got.status}, saved ${status}`);
    const out = await diffWith(saved.out, got.stdout, 'stdout');
    const err = await diffWith(saved.err, got.stderr, 'stderr');
    if (out.length > 0) reasons.push('stdout differs');
    if (err.length > 0) reasons.push('stderr differs');
    lines.push(...out, ...err);
  }
  if (reasons.length === 0) return { name, verdict: 'pass', reasons, diff: [] };
  if (save) {
    for (const sub of ['Outputs', 'Errors', 'Status']) mkdirSync(join(dir, sub), { recursive: true });
    await atomicWrite(files.out, got.stdout);
    await atomicWrite(files.err, got.stderr);
    await atomicWrite(files.status, `${got.status}\n`);
    return { name, verdict: 'saved', reasons, diff: [] };
  }
  return { name, verdict: saved.out === undefined ? 'new' : 'FAIL', reasons, diff: lines };
}

/** A diff of two byte strings through `diff -u` (given the new text on a file of its own). */
async function diffWith(saved: Buffer, got: Buffer, what: string): Promise<string[]> {
  if (saved.equals(got)) return [];
  const tmp = mkdtempSync(join(tmpdir(), 'sys-testscripts-'));
  try {
    writeFileSync(join(tmp, 'saved'), saved);
    writeFileSync(join(tmp, 'new'), got);
    const r = await run([
      'diff',
      '-u',
      '--label',
      `saved ${what}`,
      '--label',
      `new ${what}`,
      join(tmp, 'saved'),
      join(tmp, 'new'),
    ]);
    return r.code === 1 ? r.stdout.split('\n').filter(Boolean) : [`saved and new ${what} differ`];
  } catch {
    return [`saved and new ${what} differ`];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function scriptsIn(dir: string): string[] {
  const scripts = join(dir, 'Scripts');
  if (!existsSync(scripts) || !statSync(scripts).isDirectory()) {
    throw new UsageError(`${dir}: no Scripts folder (see sys testscripts --help for the layout)`, 'testscripts');
  }
  return readdirSync(scripts, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && (e.isFile() || e.isSymbolicLink()))
    .map((e) => e.name)
    .sort();
}

/** `sys testscripts`: the chapter's regression tester for command-line scripts. */
export const testscripts = defineCommand(spec, async ({ values, args }, session) => {
  const [typed = '.'] = args;
  const dir = resolve(session.cwd, typed);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`${typed}: not a directory`, 'testscripts');
  const names = scriptsIn(dir);
  const jobs = values.jobs ?? availableParallelism();
  const out = session.output();
  const count = { pass: 0, FAIL: 0, new: 0, saved: 0 };
  // `jobs` scripts run at a time; outcomes are printed in name order as each is ready.
  const check = async (name: string) =>
    judge(dir, name, await runScript(dir, name, values.timeout * 1000, session), values.save);
  for await (const o of ordered(names, check, Math.max(1, jobs))) {
    count[o.verdict]++;
    const why = o.reasons.length > 0 ? `: ${o.reasons.join(', ')}` : '';
    out.write(`${o.verdict.padEnd(5)} ${o.name}${o.verdict === 'pass' ? '' : why}`);
    for (const line of o.diff) out.write(`    ${line}`);
  }
  session.finish();
  const parts = [`${count.pass} passed`, `${count.FAIL} failed`];
  if (count.new > 0) parts.push(`${count.new} new (--save records them)`);
  if (count.saved > 0) parts.push(`${count.saved} saved`);
  session.report.note(`testscripts: ${parts.join(', ')}`);
  return count.FAIL + count.new > 0 ? 1 : 0;
});
