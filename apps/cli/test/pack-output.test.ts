import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, sys, sysBin } from './_sys.js';

/** A tree whose walk would say something on stderr (a fifo cannot be packed): a quiet stderr proves no walk began. */
function tree(): string {
  const dir = folder(['src/a.txt']);
  execFileSync('mkfifo', [join(dir, 'src', 'pipe')]);
  return dir;
}

describe('sys pack -o', () => {
  it('writes straight into a fifo, which stays a fifo', async () => {
    const dir = tree();
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    const got: Buffer[] = [];
    reader.stdout.on('data', (b: Buffer) => got.push(b));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    try {
      const r = await sysBin(dir, ['pack', 'src/a.txt', '-o', 'out.fifo']);
      expect(r.code).toBe(0);
      await closed;
      expect(Buffer.concat(got).toString()).toMatch(/^::::::\tsys-pack 1\n::::::a\.txt\tnoeol\n/);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    } finally {
      reader.kill();
    }
  });

  it('writes through a symlink: the file it points to is replaced, the link stays', async () => {
    const dir = tree();
    writeFileSync(join(dir, 'real.pack'), 'old');
    symlinkSync('real.pack', join(dir, 'link.pack'));
    expect((await sys(dir, 'pack', 'src/a.txt', '-o', 'link.pack')).code).toBe(0);
    expect(readlinkSync(join(dir, 'link.pack'))).toBe('real.pack');
    expect(readFileSync(join(dir, 'real.pack'), 'utf8')).toMatch(/^::::::\tsys-pack 1\n/);
  });

  it('writes to stdout for -o -', async () => {
    const r = await sys(tree(), 'pack', 'src/a.txt', '-o', '-');
    expect(r.stdout).toMatch(/^::::::\tsys-pack 1\n::::::a\.txt\tnoeol\n/);
  });

  it.each([
    [['-o', 'dir'], 'sys pack: dir: is a directory (give a file name for -o)'],
    [['-o', 'nowhere/x.pack'], 'sys pack: nowhere/x.pack: no such directory: nowhere'],
    [['-o', 'src/a.txt/x.pack'], 'sys pack: src/a.txt/x.pack: not a directory: src/a.txt'],
    [['-o', 'dangling'], 'sys pack: dangling: is a symlink to a missing file'],
  ])('refuses %j before walking anything, with exit 2', async (argv, message) => {
    const dir = tree();
    execFileSync('mkdir', [join(dir, 'dir')]);
    symlinkSync('missing', join(dir, 'dangling'));
    const before = readdirSync(dir).sort();
    const r = await sys(dir, 'pack', 'src', ...argv);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it.skipIf(!existsSync('/sys/kernel'))(
    'names the -o FILE, not its temp, when its folder refuses new files',
    async () => {
      // Linux's /sys takes no new files, even from root.
      const r = await sys(tree(), 'pack', 'src', '-o', '/sys/x.pack');
      expect(r).toEqual({ code: 2, stdout: '', stderr: 'sys pack: /sys/x.pack: permission denied\n' });
    },
  );

  it('stops before writing when a PATH is missing: exit 2, no pack, no temp file', async () => {
    const dir = tree();
    const r = await sys(dir, 'pack', 'missing', 'src', '-o', 'x.pack');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'sys pack: missing: no such file or directory\n' });
    expect(existsSync(join(dir, 'x.pack'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['src']);
  });

  it('warns about what it cannot pack and still exits 0', async () => {
    const r = await sys(tree(), 'pack', 'src', '-o', 'x.pack');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^sys pack: warning: .*pipe: not packed: .*\n$/);
  });
});
