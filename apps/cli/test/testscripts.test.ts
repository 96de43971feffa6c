import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
import { sys } from './_sys.js';

/** A DIR in the tester's layout: Scripts/, Args/, Inputs/ (and what `files` adds). */
function suite(files: Record<string, string>, executable: string[] = []): string {
  const dir = tempDir('sys-testscripts-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const path of executable) chmodSync(join(dir, path), 0o755);
  return dir;
}

const scripts = {
  'Scripts/echo.sh': 'printf "%s|" "$@"; echo; cat\n',
  'Args/echo.sh.args': 'a b\n$(id)\n',
  'Inputs/echo.sh.in': 'from stdin\n',
  'Scripts/testexit.js': 'console.log("Bye sys world"); console.error("to stderr"); process.exit(42);\n',
  'Scripts/tool': '#!/bin/sh\necho "run in $(basename "$PWD")"\n',
};

describe('sys testscripts', () => {
  it('reports new scripts, records them with --save, then passes them', async () => {
    const dir = suite(scripts, ['Scripts/tool']);
    const first = await sys(dir, 'testscripts', '.');
    expect(first.code).toBe(1);
    expect(first.stdout.split('\n').filter(Boolean)).toEqual([
      'new   echo.sh: nothing saved yet',
      'new   testexit.js: nothing saved yet',
      'new   tool: nothing saved yet',
    ]);
    expect(first.stderr).toBe('testscripts: 0 passed, 0 failed, 3 new (--save records them)\n');

    const saved = await sys(dir, 'testscripts', '.', '--save');
    expect(saved.code).toBe(0);
    expect(saved.stderr).toBe('testscripts: 0 passed, 0 failed, 3 saved\n');
    // Arguments one a line, never through a shell; stdin from Inputs; run in DIR.
    expect(readFileSync(join(dir, 'Outputs/echo.sh.out'), 'utf8')).toBe('a b|$(id)|\nfrom stdin\n');
    expect(readFileSync(join(dir, 'Outputs/testexit.js.out'), 'utf8')).toBe('Bye sys world\n');
    expect(readFileSync(join(dir, 'Errors/testexit.js.err'), 'utf8')).toBe('to stderr\n');
    expect(readFileSync(join(dir, 'Status/testexit.js.status'), 'utf8')).toBe('42\n');
    expect(readFileSync(join(dir, 'Outputs/tool.out'), 'utf8')).toMatch(/^run in sys-testscripts-/);

    const again = await sys(dir, 'testscripts', '.', '-j', '1');
    expect(again).toMatchObject({ code: 0, stdout: 'pass  echo.sh\npass  testexit.js\npass  tool\n' });
    expect(again.stderr).toBe('testscripts: 3 passed, 0 failed\n');
  });

  it('fails a script whose output or status changed, with a diff, and exits 1', async () => {
    const dir = suite(scripts, ['Scripts/tool']);
    await sys(dir, 'testscripts', '.', '--save');
    writeFileSync(
      join(dir, 'Scripts/testexit.js'),
      'console.log("Bye world"); console.error("to stderr"); process.exit(3);\n',
    );
    const r = await sys(dir, 'testscripts', '.');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('FAIL  testexit.js: exit status 3, saved 42, stdout differs');
    expect(lines).toContain('    -Bye sys world');
    expect(lines).toContain('    +Bye world');
    expect(lines.filter((l) => l.startsWith('pass'))).toEqual(['pass  echo.sh', 'pass  tool']);
    expect(r.stderr).toBe('testscripts: 2 passed, 1 failed\n');
  });

  it('ends a script past --timeout, with its children, and fails it', async () => {
    const dir = suite({
      'Scripts/slow.sh': 'sleep 60 & echo $! > pids; echo $$ >> pids; wait\n',
      'Scripts/quick.sh': 'echo hi\n',
    });
    const r = await sys(dir, 'testscripts', '.', '--timeout', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  slow.sh: timed out after 1 s');
    expect(r.stdout).toContain('new   quick.sh');
    const pids = readFileSync(join(dir, 'pids'), 'utf8').trim().split('\n');
    expect(pids).toHaveLength(2);
    // Gone, or at most a zombie waiting for PID 1 (which reaps orphans only every few seconds here).
    const alive = () =>
      pids.filter((pid) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')));
    for (let i = 0; i < 100 && alive().length > 0; i++) await new Promise((done) => setTimeout(done, 50));
    expect(alive()).toEqual([]);
  });

  it('fails a script it cannot run', async () => {
    const dir = suite({ 'Scripts/data.txt': 'not a script\n' });
    const r = await sys(dir, 'testscripts', '.');
    expect(r).toMatchObject({ code: 1, stdout: 'FAIL  data.txt: not executable, and no runner for its extension\n' });
  });

  it('exits 2 on a missing DIR or one without Scripts', async () => {
    const dir = suite({ 'notes.txt': '' });
    const missing = await sys(dir, 'testscripts', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope: not a directory/);
    const bare = await sys(dir, 'testscripts', '.');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/no Scripts folder/);
    expect((await sys(dir, 'testscripts')).code).toBe(2);
  });
});
