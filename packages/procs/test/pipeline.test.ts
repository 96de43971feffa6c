import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
import { ProcessError, pipeline, SpawnError } from '../dist/index.js';
import { eventually, leftOver } from './_proc.js';

/** Blocks this thread (no event loop turns) for `ms`. */
const block = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('pipeline', () => {
  it('runs a | b | c and reports every stage', async () => {
    const r = await pipeline([
      ['printf', 'spam\\neggs\\nham\\n'],
      ['grep', '-v', 'eggs'],
      ['wc', '-l'],
    ]);
    expect(r.stdout.trim()).toBe('2');
    expect(r.stages.map((s) => [s.command[0], s.code, s.signal])).toEqual([
      ['printf', 0, null],
      ['grep', 0, null],
      ['wc', 0, null],
    ]);
  });

  it('moves the bytes from child to child without this process: they flow while our loop is blocked', async () => {
    const out = join(tempDir('sys-procs-'), 'count');
    const started = `${out}.started`;
    const running = pipeline([
      ['sh', '-c', `: > '${started}'; exec head -c 50000000 /dev/zero`],
      ['cat'],
      ['sh', '-c', `wc -c > '${out}'`],
    ]);
    // The stages start once their pipes are made, which takes event-loop turns.
    expect(await eventually(() => existsSync(started))).toBe(true);
    // Not one event-loop turn until the last stage has counted everything (or 30 s went by).
    const counted = () => existsSync(out) && readFileSync(out, 'utf8').trim() === '50000000';
    for (let i = 0; i < 3000 && !counted(); i++) block(10);
    expect(counted()).toBe(true);
    expect((await running).stages.every((s) => s.code === 0)).toBe(true);
  });

  it('takes input from a string or a file, and writes the output to a file', async () => {
    const dir = tempDir('sys-procs-');
    expect((await pipeline([['tr', 'a-z', 'A-Z'], ['rev']], { input: 'pokey\n' })).stdout).toBe('YEKOP\n');
    writeFileSync(join(dir, 'in'), 'b\na\nc\n');
    const r = await pipeline([['sort'], ['head', '-n', '2']], {
      stdin: { file: join(dir, 'in') },
      stdout: { file: join(dir, 'out') },
    });
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('a\nb\n');
  });

  it('gives the last stage end of file once the earlier ones are done (we hold no copy of a pipe)', async () => {
    expect((await pipeline([['true'], ['cat'], ['wc', '-c']])).stdout.trim()).toBe('0');
  });

  it('reports each stage’s status and stderr; a failure is a result unless check (pipefail)', async () => {
    const stages = [
      ['sh', '-c', 'echo x; echo first >&2; exit 2'],
      ['sh', '-c', 'cat; echo second >&2; exit 5'],
      ['cat'],
    ];
    const r = await pipeline(stages);
    expect(r.stdout).toBe('x\n');
    expect(r.stages.map((s) => s.code)).toEqual([2, 5, 0]);
    expect(r.stages.map((s) => s.stderr)).toEqual(['first\n', 'second\n', '']);
    expect(r.stderr).toBe('first\nsecond\n');
    const error = await pipeline(stages, { check: true }).catch((e) => e);
    expect(error).toBeInstanceOf(ProcessError);
    // pipefail: the rightmost stage that failed is the one named.
    expect(error).toMatchObject({ code: 'ERR_SYS_PROCESS', stage: 1, result: { code: 5, stderr: 'second\n' } });
    expect(error.message).toMatch(/^stage 1 of the pipeline, sh -c cat; echo second >&2; exit 5 exited with code 5/);
    expect(error.pipeline.stages).toHaveLength(3);
  });

  it('ends every stage, with their children, on timeout', async () => {
    const stage = ['sh', '-c', 'sleep 60 & echo $! >&2; echo $$ >&2; wait'];
    const error = await pipeline([stage, stage], { timeout: 1000, group: true }).catch((e) => e);
    expect(error).toMatchObject({ code: 'ERR_SYS_PROCESS_TIMEOUT' });
    const pids = error.pipeline.stages.flatMap((s: { stderr: string }) => s.stderr.trim().split('\n').map(Number));
    expect(pids).toHaveLength(4);
    expect(await eventually(() => leftOver(pids).length === 0)).toBe(true);
  });

  it('rejects with a SpawnError naming a stage that cannot start, and ends the others', async () => {
    const error = await pipeline([['sleep', '60'], ['/no/such/filter']]).catch((e) => e);
    expect(error).toBeInstanceOf(SpawnError);
    expect(error.message).toMatch(/\/no\/such\/filter: command not found/);
  });

  it('refuses an empty pipeline or an empty stage', async () => {
    await expect(pipeline([])).rejects.toMatchObject({ code: 'ERR_SYS_OPTION' });
    await expect(pipeline([['true'], []])).rejects.toMatchObject({ code: 'ERR_SYS_OPTION' });
  });

  it('gives bytes with encoding "buffer"', async () => {
    const r = await pipeline([['printf', '\\000\\377'], ['cat']], { encoding: 'buffer' });
    expect([...r.stdout]).toEqual([0, 255]);
  });
});

describe('pipeline pipes', () => {
  const procs = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;
  // `mkfifo` as our PATH finds it, made slow or failing: the program runs with PATH starting
  // at `bin`, and TMPDIR a folder of its own, so what the pipes leave behind can be seen.
  function withMkfifo(script: string): { bin: string; tmp: string } {
    const bin = tempDir('sys-procs-');
    const tmp = tempDir('sys-procs-');
    writeFileSync(join(bin, 'mkfifo'), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    return { bin, tmp };
  }
  function runProgram(code: string, { bin, tmp }: { bin: string; tmp: string }): Promise<string> {
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, TMPDIR: tmp };
    return new Promise((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', code], { env, timeout: 20_000 }, (error, out, err) =>
        error ? reject(new Error(`${String(error)}\n${err}`)) : resolve(out),
      ),
    );
  }

  it('are made without holding the event loop', async () => {
    const dirs = withMkfifo('sleep 0.5; exec /usr/bin/mkfifo "$@"');
    const out = await runProgram(
      `import { pipeline } from ${JSON.stringify(procs)};
       let last = performance.now(), gap = 0;
       const tick = setInterval(() => { const now = performance.now(); gap = Math.max(gap, now - last); last = now; }, 5);
       const r = await pipeline([['printf', 'spam'], ['cat'], ['cat']]);
       clearInterval(tick);
       console.log(JSON.stringify({ stdout: r.stdout, gap }));`,
      dirs,
    );
    const { stdout, gap } = JSON.parse(out);
    expect(stdout).toBe('spam');
    // A mkfifo run to its end in our thread holds the loop the whole 500 ms.
    expect(gap).toBeLessThan(250);
    expect(readdirSync(dirs.tmp)).toEqual([]);
  });

  it("are made without holding the event loop under popen too, and popen's reader works as before", async () => {
    const dirs = withMkfifo('sleep 0.5; exec /usr/bin/mkfifo "$@"');
    const out = await runProgram(
      `import { popen } from ${JSON.stringify(procs)};
       let last = performance.now(), gap = 0;
       const tick = setInterval(() => { const now = performance.now(); gap = Math.max(gap, now - last); last = now; }, 5);
       const reader = popen('printf "spam\\neggs\\n"; exit 3');
       const text = await reader.read();
       const status = await reader.close();
       const early = popen('yes');
       for await (const line of early) break;
       const sigpipe = await early.close();
       clearInterval(tick);
       console.log(JSON.stringify({ text, status, sigpipe, gap }));`,
      dirs,
    );
    const { text, status, sigpipe, gap } = JSON.parse(out);
    expect([text, status, sigpipe]).toEqual(['spam\neggs\n', 3, 141]);
    expect(gap).toBeLessThan(250);
    expect(readdirSync(dirs.tmp)).toEqual([]);
  });

  it('that cannot be made under popen fail its read and close, and leave nothing behind', async () => {
    const dirs = withMkfifo('echo "mkfifo: no room" >&2; exit 1');
    const marker = join(dirs.tmp, 'started');
    const out = await runProgram(
      `import { popen } from ${JSON.stringify(procs)};
       const reader = popen('touch ${marker}; echo spam');
       for (const step of [() => reader.read(), () => reader.close()]) {
         try { console.log('resolved', await step()); }
         catch (error) { console.log('rejected', error.message.split('\\n')[0]); }
       }`,
      dirs,
    );
    const failed = /^rejected Command failed: mkfifo -m 600 -- \S+\/sys-pipe-\w+\/0$/;
    const [read, close] = out.trim().split('\n');
    expect(read).toMatch(failed);
    expect(close).toMatch(failed);
    expect(existsSync(marker)).toBe(false);
    expect(readdirSync(dirs.tmp)).toEqual([]);
  });

  it('that cannot be made reject the pipeline before any stage starts, and leave nothing behind', async () => {
    const dirs = withMkfifo('echo "mkfifo: no room" >&2; exit 1');
    const marker = join(dirs.tmp, 'started');
    const out = await runProgram(
      `import { pipeline } from ${JSON.stringify(procs)};
       try { await pipeline([['touch', ${JSON.stringify(marker)}], ['cat']]); console.log('resolved'); }
       catch (error) { console.log('rejected', error.message.split('\\n')[0]); }`,
      dirs,
    );
    expect(out).toMatch(/^rejected Command failed: mkfifo -m 600 -- \S+\/sys-pipe-\w+\/0\n$/);
    expect(readdirSync(dirs.tmp)).toEqual([]);
  });
});
