import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, folder } from './_run.js';

const lines = (text: string) => text.split('\n').filter(Boolean);

async function until(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  return check();
}

// Each example starts several Node children of its own (TypeScript through tsx): one at a
// time, with room for a loaded machine.
describe('the chapter’s process examples', { timeout: 90_000 }, () => {
  it('testexit_procs sees status 42 through system, popen, run, Popen.communicate and call', async () => {
    const r = await example(['testexit_procs']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'Bye sys world',
      'system: 42',
      'popen: "Bye sys world\\n" 42',
      'run: "Bye sys world\\n" 42',
      'Popen.communicate: "Bye sys world\\n" 42',
      'Bye sys world',
      'call: 42',
    ]);
  });

  it('popen-lister reads the lines of a shell command', async () => {
    const dir = folder({ 'a.py': '', 'b.py': '', 'c.txt': '', 'with space.py': '' });
    const r = await example(['popen-lister', dir, '*.py']);
    expect(lines(r.stdout)).toEqual(['a.py', 'b.py', 'with space.py', '3 file(s), status 0']);
  });

  it('subprocess-io sends input, reads output, both, and writer | reader', async () => {
    const r = await example(['subprocess-io']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Hello Pokey');
    expect(lines(r.stdout)).toEqual([
      'input: 0',
      'both: "Got this: \\"Lumberjack\\"\\nThe meaning of life is 12 24\\n" 0',
      'output: "Help! Help! I\'m being repressed!\\n42\\n" 0',
      'pipe: "Got this: \\"Help! Help! I\'m being repressed!\\"\\nThe meaning of life is 42 84\\n" 0 0',
    ]);
  });

  it('pipeline prints the most common lines and every stage’s status', async () => {
    const dir = folder({ 'words.txt': 'spam\neggs\nspam\nham\nspam\neggs\n' });
    const r = await example(['pipeline', join(dir, 'words.txt'), '2']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((l) => l.trim())).toEqual([
      '3 spam',
      '2 eggs',
      `cat ${join(dir, 'words.txt')}: 0`,
      'sort: 0',
      'uniq -c: 0',
      'sort -rn: 0',
      'head -n 2: 0',
    ]);
    expect((await example(['pipeline'])).code).toBe(2);
  });

  it('fork-count starts a child per line until q', async () => {
    const r = await example(['fork-count'], { input: '\n\nq\nnever read\n' });
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    const started = out.filter((l) => l.startsWith('Child is ')).map((l) => l.slice(9));
    expect(started).toHaveLength(3);
    const hellos = out.filter((l) => l.startsWith('Hello from child '));
    expect(hellos.sort()).toEqual(started.map((pid, i) => `Hello from child ${pid} ${i + 1}`).sort());
  });

  it('spawn-detached starts children that outlive it', async () => {
    const dir = folder();
    const r = await example(['spawn-detached', dir, '2']);
    expect(r.code).toBe(0);
    const pids = lines(r.stdout)
      .filter((l) => l.endsWith(' spawned'))
      .map((l) => l.split(' ')[1]);
    expect(lines(r.stdout).at(-1)).toBe('Main process exiting.');
    const files = [0, 1].map((i) => join(dir, `child-${i}.txt`));
    expect(await until(() => files.every((f) => existsSync(f) && readFileSync(f, 'utf8').endsWith('\n')))).toBe(true);
    expect(files.map((f) => readFileSync(f, 'utf8').split(' ')[1])).toEqual(pids);
  });

  it('multi1 prints pids from the parent and six children, one line at a time', async () => {
    const r = await example(['multi1']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^function call: name:__main__, pid:\d+$/);
    expect(out[1]).toMatch(/^spawned child: name:child, pid:\d+$/);
    expect(out).toContain('Main process exit.');
    const runs = out.filter((l) => l.startsWith('run process ')).sort();
    expect(runs).toHaveLength(5);
    for (const [i, l] of runs.entries()) expect(l).toMatch(new RegExp(`^run process ${i}: name:child, pid:\\d+$`));
    const pids = out.map((l) => l.split('pid:')[1]).filter(Boolean);
    expect(new Set(pids).size).toBe(7);
  });

  it('multi4: three Counter subclasses post nine states to the parent', async () => {
    const r = await runWithEnv(['multi4'], { MULTI4_TICK: '50' });
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    const posted = out.filter((l) => l.startsWith('posted: ')).map((l) => JSON.parse(l.slice(8)) as [number, number]);
    expect(posted.map(([, state]) => state).sort((a, b) => a - b)).toEqual([1, 2, 3, 101, 102, 103, 1001, 1002, 1003]);
    expect(new Set(posted.map(([pid]) => pid)).size).toBe(3);
    expect(out.at(-1)).toMatch(/^finish \d+ 0$/);
  });

  it('multi5 starts five independent programs from child processes', async () => {
    const r = await example(['multi5']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toContain('parent exit');
    expect(
      out
        .filter((l) => l.startsWith('Hello from child '))
        .map((l) => l.split(' ').at(-1))
        .sort(),
    ).toEqual(['0', '1', '2', '3', '4']);
  });
});

/** `example()` with extra environment variables (the runner passes ours on). */
async function runWithEnv(args: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await example(args);
  } finally {
    for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
  }
}
