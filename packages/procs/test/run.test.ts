import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { isSysError } from '@sys/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProcessError, run, SpawnError } from '../dist/index.js';
import { eventually, leftOver } from './_proc.js';

const node = process.execPath;
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
// '--' so that arguments that look like options reach the script, not node.
const js = (code: string, ...args: string[]) => [node, '-e', code, ...(args.length ? ['--', ...args] : [])];

describe('run', () => {
  it('returns stdout, stderr and the exit code of a real process', async () => {
    const r = await run(js('console.log("out"); console.error("err"); process.exit(42)'));
    expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', code: 42, signal: null });
  });

  it('feeds input to stdin', async () => {
    const r = await run(js('process.stdin.pipe(process.stdout)'), { input: 'Pokey\n' });
    expect(r.stdout).toBe('Pokey\n');
  });

  it('reports the signal that killed the child', async () => {
    const r = await run(js('process.kill(process.pid, "SIGTERM")'));
    expect(r).toMatchObject({ code: null, signal: 'SIGTERM' });
  });

  it('throws a ProcessError carrying stderr when check is set', async () => {
    const failing = run(js('console.error("boom"); process.exit(3)'), { check: true });
    await expect(failing).rejects.toBeInstanceOf(ProcessError);
    await expect(failing).rejects.toMatchObject({ code: 'ERR_SYS_PROCESS', reason: 'exit', result: { code: 3 } });
    await expect(failing).rejects.toThrow(/boom/);
  });

  it('gives bytes with encoding "buffer"', async () => {
    const r = await run(js('process.stdout.write(Buffer.from([0, 255, 10]))'), { encoding: 'buffer' });
    expect(Buffer.isBuffer(r.stdout)).toBe(true);
    expect([...r.stdout]).toEqual([0, 255, 10]);
  });

  it('runs in cwd, and says so when cwd does not exist', async () => {
    const dir = tempDir('sys-procs-');
    expect((await run(js('console.log(process.cwd())'), { cwd: dir })).stdout.trim()).toBe(dir);
    const missing = run(['true'], { cwd: join(dir, 'nope') });
    await expect(missing).rejects.toMatchObject({ code: 'ERR_SYS_SPAWN', errno: 'ENOENT_CWD' });
    await expect(missing).rejects.toThrow(/working directory .*nope does not exist/);
  });

  it('adds env to ours by default, and uses env alone with extendEnv: false', async () => {
    process.env.SYS_PROCS_OURS = 'ours';
    const code = 'console.log(process.env.SYS_PROCS_OURS ?? "-", process.env.EXTRA)';
    expect((await run(js(code), { env: { EXTRA: 'x' } })).stdout).toBe('ours x\n');
    expect((await run(js(code), { env: { EXTRA: 'y' }, extendEnv: false })).stdout).toBe('- y\n');
    delete process.env.SYS_PROCS_OURS;
  });

  it('sends output to a file, to a stream without a descriptor, or nowhere', async () => {
    const file = join(tempDir('sys-procs-'), 'out.txt');
    const r = await run(js('console.log("to file"); console.error("e")'), { stdout: { file }, stderr: 'ignore' });
    expect(r).toMatchObject({ stdout: '', stderr: '', code: 0 });
    expect(readFileSync(file, 'utf8')).toBe('to file\n');
    await run(js('console.log("again")'), { stdout: { file, append: true } });
    expect(readFileSync(file, 'utf8')).toBe('to file\nagain\n');
    const sink = new PassThrough();
    const got: Buffer[] = [];
    sink.on('data', (b: Buffer) => got.push(b));
    await run(js('console.log("streamed")'), { stdout: sink });
    expect(Buffer.concat(got).toString()).toBe('streamed\n');
  });

  it('reads stdin from a file', async () => {
    const file = join(tempDir('sys-procs-'), 'in.txt');
    writeFileSync(file, 'from a file\n');
    expect((await run(['cat'], { stdin: { file } })).stdout).toBe('from a file\n');
  });

  it.each([
    ['missing', () => '/nonexistent/command', 'ENOENT', /command not found/],
    ['a bare name not on PATH', () => 'no-such-command-sys', 'ENOENT', /no-such-command-sys: command not found/],
    [
      'not executable',
      () => {
        const f = join(tempDir('sys-procs-'), 'script.sh');
        writeFileSync(f, 'echo hi\n');
        chmodSync(f, 0o644);
        return f;
      },
      'EACCES',
      /not executable/,
    ],
    [
      'a directory',
      () => {
        const d = join(tempDir('sys-procs-'), 'dir');
        mkdirSync(d);
        return d;
      },
      'EISDIR',
      /is a directory/,
    ],
  ])('rejects a command that is %s with a SpawnError naming it', async (_what, make, errno, message) => {
    const file = make();
    const failing = run([file, 'arg']);
    await expect(failing).rejects.toBeInstanceOf(SpawnError);
    await expect(failing).rejects.toMatchObject({ code: 'ERR_SYS_SPAWN', errno, path: file });
    await expect(failing).rejects.toThrow(message);
    await expect(failing).rejects.toThrow(file);
  });

  it('refuses an empty command with an OptionError', async () => {
    await expect(run([])).rejects.toMatchObject({ code: 'ERR_SYS_OPTION', option: 'command' });
    await expect(run('echo hi')).rejects.toMatchObject({ code: 'ERR_SYS_OPTION' });
    await expect(run(['true'], { timeout: -1 })).rejects.toMatchObject({ code: 'ERR_SYS_OPTION', option: 'timeout' });
  });

  it('runs through the shell only when asked, script arguments as $1, $2', async () => {
    expect((await run('echo "$HOME" | tr a-z A-Z', { shell: true })).stdout).toBe(
      `${process.env.HOME?.toUpperCase()}\n`,
    );
    const r = await run(['printf "%s|" "$1" "$2"', 'a b', '$(id)'], { shell: true });
    expect(r.stdout).toBe('a b|$(id)|');
  });

  it('passes arguments full of shell metacharacters and newlines verbatim', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', minLength: 0, maxLength: 20 }), { maxLength: 5 }),
        async (args) => {
          const clean = args.map((a) => a.replaceAll('\0', ''));
          const r = await run(js('process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...clean));
          expect(JSON.parse(r.stdout)).toEqual(clean);
        },
      ),
      { numRuns: 25 },
    );
    const nasty = ['$(touch /tmp/sys-pwned)', '`id`', "'; rm -rf / #", 'a\nb\r\nc', '*', '~', '&&', '|', '>x', '\\'];
    expect(
      JSON.parse((await run(js('process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...nasty))).stdout),
    ).toEqual(nasty);
  });

  it('never crashes on a child that exits before reading its input (EPIPE)', async () => {
    const input = Buffer.alloc(4 * 1024 * 1024, 'x');
    for (let i = 0; i < 5; i++) {
      const r = await run(['true'], { input });
      expect(r.code).toBe(0);
    }
  });

  it('carries 8 MB on stdout and 8 MB on stderr at once without deadlock', async () => {
    const code = 'const b = Buffer.alloc(8 << 20, 97); process.stdout.write(b); process.stderr.write(b)';
    const r = await run(js(code));
    expect([r.stdout.length, r.stderr.length]).toEqual([8 << 20, 8 << 20]);
  });
});

describe('run: ending a child early', () => {
  // sh leads the group; its two sleeps are grandchildren of ours, and their pids come out first.
  const tree = ['sh', '-c', 'sleep 60 & echo $!; sleep 60 & echo $!; echo $$; wait'];
  const pidsOf = (e: unknown) =>
    String((e as ProcessError).result.stdout)
      .trim()
      .split('\n')
      .map(Number);

  it('ends the child and its grandchildren on timeout, and rejects saying so with what it wrote', async () => {
    const failing = run(tree, { timeout: 1000, group: true });
    await expect(failing).rejects.toMatchObject({ code: 'ERR_SYS_PROCESS_TIMEOUT', reason: 'timeout' });
    const error = await failing.catch((e) => e);
    expect(error.message).toMatch(/timed out after 1000 ms/);
    const pids = pidsOf(error);
    expect(pids).toHaveLength(3);
    expect(await eventually(() => leftOver(pids).length === 0)).toBe(true);
  });

  it('ends the tree when the AbortSignal fires, with the reason as cause', async () => {
    const controller = new AbortController();
    const failing = run(['sh', '-c', 'sleep 60 & echo $!; echo $$; wait'], { signal: controller.signal, group: true });
    setTimeout(() => controller.abort(new Error('enough')), 1000);
    const error = await failing.catch((e) => e);
    expect(error).toMatchObject({ code: 'ERR_SYS_PROCESS_ABORTED', cause: { message: 'enough' } });
    expect(await eventually(() => leftOver(pidsOf(error)).length === 0)).toBe(true);
  });

  it('takes timeouts of 2^31 ms and more as long, not as at once', async () => {
    const r = await run(['sleep', '1'], { timeout: 2 ** 31 });
    expect(r).toMatchObject({ code: 0, signal: null });
    // sh ignores SIGTERM; its sleeps do not: it runs on, and must not be SIGKILLed at once.
    const loop = 'trap "" TERM; for i in 1 2 3; do sleep 0.3; done; echo lived';
    const error = await run(['sh', '-c', loop], { timeout: 100, forceKillAfter: 2 ** 40 }).catch((e) => e);
    expect(error).toBeInstanceOf(ProcessError);
    expect(error.result).toMatchObject({ code: 0, signal: null, stdout: 'lived\n' });
  });

  it('uses killSignal, then SIGKILL when the child ignores it', async () => {
    // sh starts at once even on a loaded machine; the ignored SIGTERM is kept across exec.
    const ignoring = ['sh', '-c', 'trap "" TERM; echo ready; exec sleep 60'];
    const error = await run(ignoring, { timeout: 1000, forceKillAfter: 200 }).catch((e) => e);
    expect(error.result).toMatchObject({ signal: 'SIGKILL', stdout: 'ready\n' });
    const hup = await run(['sleep', '60'], { timeout: 100, killSignal: 'SIGHUP' }).catch((e) => e);
    expect(hup.result.signal).toBe('SIGHUP');
  });

  it('ends a child past maxBuffer and carries exactly maxBuffer bytes, never a string-length crash', async () => {
    const error = await run(js('for (;;) process.stdout.write("y".repeat(65536))'), { maxBuffer: 100_000 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ProcessError);
    expect(error).toMatchObject({ code: 'ERR_SYS_PROCESS_MAX_BUFFER' });
    expect(error.message).toMatch(/more than maxBuffer \(100000 bytes on stdout\)/);
    expect(error.result.stdout).toBe('y'.repeat(100_000));
    expect(isSysError(error)).toBe(true);
  });
});

describe('run: reliability', () => {
  // In a small process of its own: forking vitest's big worker 2,000 times is what would be slow.
  it('leaves no zombies and no open descriptors after 2,000 runs', { timeout: 120_000 }, async () => {
    const script = fileURLToPath(new URL('./fixtures/many-runs.ts', import.meta.url));
    const r = await run([node, '--import', tsx, script, '2000'], { check: true });
    const { ok, before, after, zombies } = JSON.parse(r.stdout);
    expect(ok).toBe(2000);
    // Not one more than before (Node 24 even closes a couple of its own meanwhile).
    expect(after).toBeLessThanOrEqual(before);
    expect(zombies).toBe(0);
  });
});
