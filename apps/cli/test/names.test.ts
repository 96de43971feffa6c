import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, sys, sysBin, sysBinBytes } from './_sys.js';

const BAD = Buffer.from([0xff, 0xfe, 0x62, 0x61, 0x64]); // \xff\xfe then "bad": not UTF-8

function oddTree(): string {
  const dir = folder(['sub/']);
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/sub/`), BAD]), 'x');
  return dir;
}

describe('names that are not UTF-8', () => {
  it('find writes the raw bytes, as GNU find and fd do', async () => {
    const r = await sysBinBytes(oddTree(), ['find', '*', 'sub']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toEqual(Buffer.concat([Buffer.from('sub/'), BAD, Buffer.from('\n')]));
  });

  it('find -0 and walk write the raw bytes too', async () => {
    const dir = oddTree();
    expect((await sysBinBytes(dir, ['find', '*', 'sub', '-0'])).stdout).toEqual(
      Buffer.concat([Buffer.from('sub/'), BAD, Buffer.from('\0')]),
    );
    expect((await sysBinBytes(dir, ['walk', 'sub'])).stdout).toEqual(
      Buffer.concat([Buffer.from('[sub]\nsub/'), BAD, Buffer.from('\n')]),
    );
  });

  it('bigfiles writes the raw bytes too', async () => {
    const r = await sysBinBytes(oddTree(), ['bigfiles', 'sub']);
    expect(r.stdout).toEqual(Buffer.concat([Buffer.from('1\tsub/'), BAD, Buffer.from('\n')]));
  });

  it('--json escapes each byte that is not UTF-8 as a lone surrogate (\\udcXX), as Python does', async () => {
    const dir = oddTree();
    const found = await sysBin(dir, ['find', '*', 'sub', '--json']);
    expect(found.stdout).toBe('{"path":"sub/\\udcff\\udcfebad","type":"file"}\n');
    const walked = await sysBin(dir, ['walk', 'sub', '--json']);
    expect(JSON.parse(walked.stdout)).toEqual({ dir: 'sub', dirs: [], files: ['\udcff\udcfebad'] });
  });
});

describe('names in messages', () => {
  it('quotes a name with control characters, so an error stays one line', async () => {
    const r = await sys(folder([]), 'find', '*', 'a\nb', '\u001b[2Jx');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'sys find: "a\\nb": no such file or directory\nsys find: "\\u001b[2Jx": no such file or directory\n',
    );
  });

  it('shortens a 10,000-level path to a line a person can read', async () => {
    const deep = `${'d/'.repeat(10_000)}end`;
    for (const argv of [
      ['find', '*', deep],
      ['walk', deep],
      ['bigfiles', deep],
      ['eoln', 'info', deep],
    ]) {
      const r = await sys(folder([]), ...argv);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(r.stderr.length).toBeLessThan(300);
      expect(r.stderr).toMatch(/^sys \w+: d\/d\/.*….*d\/end: file name too long\n$/);
    }
  });

  it('unpack --list shows names with escape codes or newlines quoted, one entry a line', async () => {
    const dir = folder(['src/']);
    const names = ['\u001b]0;owned\u0007\u001b[2Jx', 'a\n..', 'plain.txt'];
    for (const name of names) writeFileSync(join(dir, 'src', name), 'x');
    mkdirSync(join(dir, 'src', 'd\tir'));
    expect((await sys(dir, 'pack', 'src', '-o', 'p.pack')).code).toBe(0);
    const r = await sys(dir, 'unpack', '--list', 'p.pack');
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(
      ['src/', '"src/\\u001b]0;owned\\u0007\\u001b[2Jx"', '"src/a\\n.."', '"src/d\\tir"/', 'src/plain.txt'].sort(),
    );
  });
});

describe('one policy for a missing ROOT', () => {
  it.each([
    [['find', '*', 'missing', 'src'], 'src/a\n'],
    [['walk', 'missing', 'src'], '[src]\nsrc/a\n'],
    [['bigfiles', 'missing', 'src'], '5\tsrc/a\n'],
    [['eoln', 'check', 'missing', 'src'], ''],
  ])('sys %j reports it, goes on with the others, and exits 2', async (argv, stdout) => {
    const r = await sys(folder(['src/a']), ...argv);
    expect(r).toMatchObject({ code: 2, stdout });
    expect(r.stderr.split('\n')[0]).toBe(`sys ${argv[0]}: missing: no such file or directory`);
  });
});

describe('colour', () => {
  it('colours the error prefix only when asked (FORCE_COLOR) or on a terminal, never with NO_COLOR', async () => {
    const dir = folder([]);
    const env = (extra: Record<string, string>) => {
      const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
      for (const k of ['NO_COLOR', 'FORCE_COLOR']) if (!(k in extra)) delete e[k];
      return e;
    };
    const forced = await sysBin(dir, ['find', '*', 'missing'], { env: env({ FORCE_COLOR: '1' }) });
    expect(forced.stderr).toContain('\u001b[31m');
    expect(forced.stderr.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(
      'sys find: missing: no such file or directory\n',
    );
    const piped = await sysBin(dir, ['find', '*', 'missing'], { env: env({}) });
    expect(piped.stderr).toBe('sys find: missing: no such file or directory\n');
    const no = await sysBin(dir, ['find', '*', 'missing'], { env: env({ NO_COLOR: '1' }) });
    expect(no.stderr).toBe('sys find: missing: no such file or directory\n');
  });
});
