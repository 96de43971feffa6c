import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { example, folder } from './_run.js';

const lines = (text: string) => text.split('\n').filter(Boolean);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs an example with stdin, stdout and stderr redirected to files in `dir`, as `< in > out 2> err` would. */
function redirected(args: string[], dir: string): Promise<{ code: number | null; out: string; err: string }> {
  const fds = ['in', 'out', 'err'].map((name, i) => openSync(join(dir, name), i === 0 ? 'r' : 'w'));
  // Killed well inside the test's timeout, so a hung example never outlives the test.
  const child = spawn(process.execPath, ['--import', tsx, main, ...args], { stdio: fds, timeout: 60_000 });
  for (const fd of fds) closeSync(fd); // the child has its own copies now
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      resolve({ code, out: readFileSync(join(dir, 'out'), 'utf8'), err: readFileSync(join(dir, 'err'), 'utf8') }),
    );
  });
}

// Each example is a real process started through tsx, and some start children of their own.
describe('the sys and os tour', { timeout: 90_000 }, () => {
  it('sysinfo prints this Node’s real argv, platform, executable, version, search path and byte order, and exits with the status asked', async () => {
    const r = await example(['sysinfo', '3', '-x', 'spam']);
    expect(r.code).toBe(3);
    const out = lines(r.stdout);
    const field = (name: string) => out.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
    expect(field('argv')).toBe('["sysinfo.ts","3","-x","spam"]');
    expect(field('platform')).toBe(
      `${process.platform} ${process.platform === 'win32' ? '(Windows)' : '(not Windows)'}`,
    );
    expect(field('executable')).toBe(process.execPath);
    expect(field('version')).toMatch(
      new RegExp(`^${process.version} \\(major ${process.versions.node.split('.')[0]},`),
    );
    expect(field('built-in modules')).toMatch(new RegExp(`^${builtinModules.length} \\(`));
    expect(field('byte order')).toBe(endianness() === 'LE' ? 'little' : 'big');
    const folders = out.filter((l) => l.startsWith('  ')).map((l) => l.trim());
    expect(field('module search path')).toBe(`${folders.length} folders`);
    const examplesDir = fileURLToPath(new URL('../src/examples/', import.meta.url));
    expect(folders[0]).toBe(join(examplesDir, 'node_modules'));
    expect(folders).toContain(fileURLToPath(new URL('../node_modules', import.meta.url)));
    const [ours, small] = (field('recursion depth')?.match(/\d+/g) ?? []).map(Number);
    expect(small).toBeGreaterThan(0);
    expect(ours).toBeGreaterThan(small as number); // a smaller stack holds fewer calls
    expect(out.at(-1)).toBe('exit status: 3');
  });

  it('sysinfo refuses a status that is not 0-255 with exit 2', async () => {
    expect(await example(['sysinfo', '256'])).toMatchObject({ code: 2, stdout: '' });
  });

  it('environ reads a variable, changes it, and only children started afterwards see the change', async () => {
    const r = await example(['environ', 'PATH', '/nowhere']);
    expect(r.code).toBe(0);
    const show = (v: string | undefined) => (v === undefined ? '(not set)' : JSON.stringify(v));
    expect(lines(r.stdout)).toEqual([
      `PATH: ${show(process.env.PATH)}`,
      'PATH now: "/nowhere"',
      'child sees PATH: "/nowhere"',
      `child given SPAM=eggs sees: "eggs"; ours: ${show(process.env.SPAM)}`,
      'after the child changed PATH, ours: "/nowhere"',
      'SYS_COUNT = 42 is kept as "42", a string',
      'after delete, child sees PATH: (not set)',
    ]);
  });

  it('os-tour works in a temp folder of its own, shows every call’s real result, and removes the folder', async () => {
    const parent = realpathSync(folder());
    const r = await example(['os-tour', parent], { cwd: parent });
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    const made = out.find((l) => l.startsWith('made: '))?.slice(6) ?? '';
    expect(made.startsWith(join(parent, 'os-tour-'))).toBe(true);
    const rel = made.slice(parent.length + 1);
    expect(out[0]).toMatch(/^pid: \d+, parent pid: \d+$/);
    expect(out.slice(1)).toEqual([
      `cwd: ${parent}`,
      `made: ${made}`,
      `chdir: cwd is now ${made}`,
      'listdir spam: ["a.txt","b.py","eggs"]',
      'glob spam/*.txt: ["spam/a.txt"]',
      'scandir spam: a.txt file, b.py file, eggs dir',
      'stat spam/a.txt: size 5, mode 640, mtime 2000-01-01T00:00:00.000Z',
      'exists spam/a.txt: true, isdir spam: true, exists nope: false',
      'rename a.txt -> A.TXT: ["A.TXT","b.py","eggs"]',
      'removed: listdir . is []',
      'join: spam/eggs/c.txt',
      'split: ["spam/eggs","c.txt"]',
      'splitext: ["spam/eggs/c",".txt"]',
      `abspath: ${join(made, 'spam/eggs/c.txt')}`,
      'normpath spam/./eggs/../ham: spam/ham',
      `relpath: ${rel}/spam/eggs/c.txt`,
      'isabs: false true',
      'sep "/", pathsep ":", linesep "\\n", devnull "/dev/null"',
      `back in ${parent}; ${made} exists: false`,
    ]);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('file-tools shows bytes and text, encodings, streamed lines and descriptor I/O with their real results, and removes its folder', async () => {
    const parent = folder();
    const r = await example(['file-tools', parent]);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.slice(0, -1)).toEqual([
      'bytes: 14, starting 7370616d0d0a',
      'text: "spam\\r\\nSPAM\\nham" (line ends as written)',
      '"Grüße ☃": 7 characters, 11 bytes in UTF-8, 14 in UTF-16LE',
      '"ü" is c3bc in UTF-8 and fc in latin1',
      'line 1: "spam"',
      'line 2: "SPAM"',
      'line 3: "ham"',
      'a second O_CREAT|O_EXCL open fails: EEXIST',
      'read 5 bytes at 7: "WORLD"; size 13, mode 600',
      'after truncating to 5: "Hello"',
    ]);
    expect(out.at(-1)).toMatch(new RegExp(`^removed ${parent}/file-tools-\\w+$`));
    expect(readdirSync(parent)).toEqual([]);
  });

  it('play prints argv and "ta da!", numbers every stdin line (CRLF and a last line without newline too), and counts on stderr', async () => {
    const r = await example(['play', '-x', '-i', 'spammify'], { input: 'one\r\ntwo\n\nthree' });
    expect(r).toMatchObject({
      code: 0,
      stdout: "[ 'play.ts', '-x', '-i', 'spammify' ]\nta da!\n1: one\n2: two\n3: \n4: three\n",
    });
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^stdin: (pipe|socket), stdout: (pipe|socket), stderr: (pipe|socket)$/),
      '4 line(s) read',
    ]);
  });

  it('play under shell-style redirection reads a file and writes files, and says so on stderr', async () => {
    const dir = folder({ in: 'spam\neggs\n' });
    const r = await redirected(['play', 'a b'], dir);
    expect(r).toEqual({
      code: 0,
      out: "[ 'play.ts', 'a b' ]\nta da!\n1: spam\n2: eggs\n",
      err: 'stdin: file, stdout: file, stderr: file\n2 line(s) read\n',
    });
  });

  it('play -o FILE sends the lines to FILE, not stdout; -o alone is a usage error', async () => {
    const dir = folder();
    const r = await example(['play', '-o', join(dir, 'lines.txt')], { input: 'ham\n' });
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([`[ 'play.ts', '-o', '${join(dir, 'lines.txt')}' ]`, 'ta da!']);
    expect(readFileSync(join(dir, 'lines.txt'), 'utf8')).toBe('1: ham\n');
    expect((await example(['play', '-o'], { input: '' })).code).toBe(2);
  });

  it('fork-vs-spawn: spawned programs and a child-process function have their own pids and the parent as parent; a thread shares ours', async () => {
    const r = await example(['fork-vs-spawn', '2']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    const parent = out[0]?.match(/^parent: pid (\d+)$/)?.[1];
    expect(parent).toBeDefined();
    const spawned = out.flatMap((l) => l.match(/^Process (\d+) spawned$/)?.[1] ?? []);
    const ran = out.flatMap((l) => l.match(/^child program \d: pid (\d+), parent (\d+)$/)?.slice(1, 3) ?? []);
    expect(spawned).toHaveLength(2);
    expect(new Set(spawned).size).toBe(2);
    expect(spawned).not.toContain(parent);
    // each program says it was started by us, with the pid we were told
    expect(ran.filter((_, i) => i % 2 === 0).sort()).toEqual([...spawned].sort());
    expect(ran.filter((_, i) => i % 2 === 1)).toEqual([parent, parent]);
    const fn = out
      .find((l) => l.startsWith('function in a child process: '))
      ?.match(/pid (\d+), parent (\d+), state '(.*)'$/);
    expect(fn?.[1]).not.toBe(parent);
    expect(spawned).not.toContain(fn?.[1]);
    expect(fn?.slice(2)).toEqual([parent, 'as loaded']); // a fresh import, not a copy of our memory
    expect(out).toContain("(a forked copy would have seen 'changed by the parent')");
    expect(out.find((l) => l.startsWith('worker thread: '))).toMatch(
      new RegExp(`^worker thread: pid ${parent}, thread id [1-9]\\d*$`),
    );
    expect(out.at(-1)).toBe('Main process exiting.');
  });

  it('fork-vs-spawn refuses a count that is not a whole number with exit 2', async () => {
    expect((await example(['fork-vs-spawn', 'many'])).code).toBe(2);
  });
});
