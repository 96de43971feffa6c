import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { list, PackExistsError, PackFormatError, UnsafePathError, unpack } from '../dist/index.js';
import { startSwapper } from './_race.js';
import { chunked, craft, folder, packToBuffer, sandbox, snapshot } from './_util.js';

const modeOf = (path: string) => statSync(path).mode & 0o7777;

describe('unpack stages the whole pack before anything reaches the destination', () => {
  it('a directory swapped for a symlink while unpacking: refused, nothing written or chmodded outside', async () => {
    const box = sandbox();
    const body = `::::::d/\tmode=777\n::::::d/l\ttype=symlink target="x"\n::::::d/pwned.txt\npwned\n`;
    const attempt = unpack(chunked(craft(body, 3)), {
      dest: box.dest,
      // The attacker acts between entries: DEST/d becomes a symlink to the folder outside.
      onEntry: (e) => {
        if (e.path === 'd/pwned.txt') symlinkSync('../outside', join(box.dest, 'd'));
      },
    });
    await expect(attempt).rejects.toThrow(/a symlink is in the way of this directory/);
    expect(readdirSync(box.outside)).toEqual([]);
    expect(modeOf(box.outside)).toBe(0o700);
    expect(readdirSync(box.dest)).toEqual(['d']); // the attacker's symlink, and nothing of ours
  });

  it('an existing directory swapped for a symlink after the checks: the entries still land in the real one', async () => {
    const box = sandbox();
    mkdirSync(join(box.dest, 'd'));
    const body = '::::::d/\n::::::d/a.txt\na\n::::::d/b.txt\nb\n';
    await unpack(chunked(craft(body, 3)), {
      dest: box.dest,
      onEntry: (e) => {
        if (e.path !== 'd/b.txt') return;
        renameSync(join(box.dest, 'd'), join(box.dest, 'real'));
        symlinkSync('../outside', join(box.dest, 'd'));
      },
    }).catch((error) => expect(error).toBeInstanceOf(UnsafePathError));
    expect(readdirSync(box.outside)).toEqual([]);
  });

  it('survives a process that swaps a directory and a symlink to outside as fast as it can', async () => {
    const box = sandbox();
    mkdirSync(join(box.dest, 'd'));
    symlinkSync('../outside', join(box.dest, 'swap'));
    const entries = Array.from({ length: 150 }, (_, i) => `::::::d/f${i}.txt\n${i}\n`).join('');
    const packed = craft(`::::::d/\n${entries}`, 151);
    const stop = await startSwapper(join(box.dest, 'd'), join(box.dest, 'swap'));
    let landed = 0;
    try {
      for (let trial = 0; trial < 30; trial++) {
        await unpack(chunked(packed), { dest: box.dest, force: true }).then(
          () => landed++,
          (error) => expect(error).toBeInstanceOf(UnsafePathError),
        );
      }
    } finally {
      stop();
    }
    expect(readdirSync(box.outside)).toEqual([]);
    // Whichever name the real directory has now, it holds every file of the trials that landed.
    const real = ['d', 'swap'].map((n) => join(box.dest, n)).find((p) => !lstatSync(p).isSymbolicLink()) as string;
    if (landed > 0) expect(readdirSync(real)).toHaveLength(150);
    expect(readdirSync(box.dest).sort()).toEqual(['d', 'swap']);
  });

  it('leaves nothing — not even a destination it would have made — when the pack is bad', async () => {
    const box = sandbox();
    const dest = join(box.dest, 'new', 'deeper');
    const edited = craft('::::::a.txt\nhello\n::::::b/\n::::::b/c.txt\nc\n', 3);
    edited[edited.indexOf('hello')] = 'j'.charCodeAt(0);
    await expect(unpack(chunked(edited), { dest })).rejects.toThrow(/checksum mismatch/);
    await expect(unpack(chunked(Buffer.from('%PDF-1.7\n\x00\x01binary')), { dest })).rejects.toThrow(PackFormatError);
    expect(readdirSync(box.dest)).toEqual([]);
  });

  it('makes a missing destination (and its parents) from a good pack', async () => {
    const box = sandbox();
    const dest = join(box.dest, 'new', 'deeper');
    await unpack(chunked(craft('::::::a.txt\nhello\n', 1)), { dest });
    expect(readFileSync(join(dest, 'a.txt'), 'utf8')).toBe('hello\n');
    expect(readdirSync(join(box.dest, 'new'))).toEqual(['deeper']);
  });

  it('an abort while unpacking removes everything it staged', async () => {
    const box = sandbox();
    const controller = new AbortController();
    const body = Array.from({ length: 50 }, (_, i) => `::::::f${i}\nx\n`).join('');
    const attempt = unpack(chunked(craft(body, 50), [10, 60, 200]), {
      dest: box.dest,
      signal: controller.signal,
      onEntry: (e) => {
        if (e.path === 'f3') controller.abort();
      },
    });
    await expect(attempt).rejects.toThrow(/abort/i);
    expect(readdirSync(box.dest)).toEqual([]);
  });

  it('unpacks into a destination that holds other files, keeping them', async () => {
    const box = sandbox();
    mkdirSync(join(box.dest, 'd'));
    writeFileSync(join(box.dest, 'd', 'mine.txt'), 'mine');
    await unpack(chunked(craft('::::::d/\n::::::d/theirs.txt\nt\n::::::e/\n::::::e/x\nx\n', 4)), { dest: box.dest });
    expect(snapshot(box.dest)).toMatchObject({ 'd/mine.txt': expect.any(String), 'd/theirs.txt': expect.any(String) });
    expect(readdirSync(box.dest).sort()).toEqual(['d', 'e']);
  });
});

describe('unpack applies modes safely', () => {
  it('leaves an existing directory as it is without force, and gives it the mode with force', async () => {
    const box = sandbox();
    mkdirSync(join(box.dest, 'existing'), { mode: 0o750 });
    const pack = craft('::::::existing/\tmode=7777\n::::::existing/f\nf\n', 2);
    await unpack(chunked(pack), { dest: box.dest });
    expect(modeOf(join(box.dest, 'existing'))).toBe(0o750);
    await unpack(chunked(pack), { dest: box.dest, force: true });
    expect(modeOf(join(box.dest, 'existing'))).toBe(0o777);
  });

  it('clears setuid, setgid and sticky bits unless asked to keep them', async () => {
    const pack = craft('::::::d/\tmode=3777\n::::::d/run\tmode=6755\n#!/bin/sh\n', 2);
    const plain = sandbox();
    await unpack(chunked(pack), { dest: plain.dest });
    expect(modeOf(join(plain.dest, 'd'))).toBe(0o777);
    expect(modeOf(join(plain.dest, 'd', 'run'))).toBe(0o755);
    const kept = sandbox();
    await unpack(chunked(pack), { dest: kept.dest, keepSpecialBits: true });
    expect(modeOf(join(kept.dest, 'd', 'run'))).toBe(0o6755);
    expect(modeOf(join(kept.dest, 'd'))).toBe(0o3777);
  });

  it('gives files exactly the mode in the pack, whatever the umask would strip', async () => {
    const box = sandbox();
    const body = '::::::a\tmode=666\na\n::::::b\tmode=600\nb\n::::::c\tmode=775\nc\n::::::d\nd\n';
    await unpack(chunked(craft(body, 4)), { dest: box.dest });
    expect(['a', 'b', 'c', 'd'].map((n) => modeOf(join(box.dest, n)))).toEqual([0o666, 0o600, 0o775, 0o644]);
  });

  it('a path given twice: refused without force, the later one wins with force', async () => {
    const box = sandbox();
    const body =
      '::::::a\nfirst\n::::::l\ttype=symlink target="x"\n::::::a\nsecond\n::::::l\ttype=symlink target="y"\n';
    await expect(unpack(chunked(craft(body, 4)), { dest: box.dest })).rejects.toThrow(/line 5: a already exists/);
    await unpack(chunked(craft(body, 4)), { dest: box.dest, force: true });
    expect(readFileSync(join(box.dest, 'a'), 'utf8')).toBe('second\n');
    expect(readlinkSync(join(box.dest, 'l'))).toBe('y');
  });

  it('gives read-only directories their mode after filling them, even when the pack comes back to them', async () => {
    const box = sandbox();
    const body = '::::::ro/\tmode=555\n::::::ro/a\na\n::::::other/\n::::::ro/b\nb\n';
    await unpack(chunked(craft(body, 4)), { dest: box.dest });
    expect(modeOf(join(box.dest, 'ro'))).toBe(0o555);
    expect(readdirSync(join(box.dest, 'ro')).sort()).toEqual(['a', 'b']);
  });
});

describe('list and dry runs check what unpack checks', () => {
  const drain = async (input: Buffer) => {
    for await (const _ of list(chunked(input)));
  };

  it.each([
    ['an entry outside', '::::::../PWN\nx\n', 1, UnsafePathError],
    [
      'a file through a symlink the pack made',
      '::::::l\ttype=symlink target="/tmp"\n::::::l/x\nx\n',
      2,
      UnsafePathError,
    ],
    ['a NUL in a symlink target', '::::::l\ttype=symlink target="a\\u0000b"\n', 1, UnsafePathError],
    ['an empty symlink target', '::::::l\ttype=symlink target=""\n', 1, UnsafePathError],
  ])('list refuses %s', async (_what, body, count, error) => {
    await expect(drain(craft(body, count))).rejects.toThrow(error);
  });

  it.each([
    [
      'a file through a symlink the pack made',
      '::::::l\ttype=symlink target="/tmp"\n::::::l/x\nx\n',
      2,
      UnsafePathError,
    ],
    ['a path given twice', '::::::a\nx\n::::::a\ny\n', 2, PackExistsError],
    ['a NUL in a symlink target', '::::::l\ttype=symlink target="a\\u0000b"\n', 1, UnsafePathError],
    ['a file where the destination has one', '::::::here.txt\nx\n', 1, PackExistsError],
  ])('a dry run refuses %s, and writes nothing', async (_what, body, count, error) => {
    const box = sandbox();
    writeFileSync(join(box.dest, 'here.txt'), 'mine');
    await expect(unpack(chunked(craft(body, count)), { dest: box.dest, dryRun: true })).rejects.toThrow(error);
    expect(readdirSync(box.dest)).toEqual(['here.txt']);
  });

  it('a dry run of a good pack writes nothing and leaves no staging behind', async () => {
    const box = sandbox();
    const before = process.env.TMPDIR;
    process.env.TMPDIR = box.outside;
    try {
      const summary = await unpack(chunked(craft('::::::d/\n::::::d/a\nhello\n', 2)), {
        dest: join(box.dest, 'x'),
        dryRun: true,
      });
      expect(summary).toMatchObject({ entries: 2, files: 1, dirs: 1, bytes: 6 });
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(readdirSync(box.dest)).toEqual([]);
    expect(readdirSync(box.outside)).toEqual([]);
  });
});

describe('packs that are damaged, or not ours, are refused with a reason', () => {
  it.each([
    ['a pack converted to CRLF', (p: Buffer) => Buffer.from(p.toString().replaceAll('\n', '\r\n')), /CRLF/],
    ['a newer version', (p: Buffer) => Buffer.from(p.toString().replace('sys-pack 1', 'sys-pack 2')), /version 2/],
  ])('%s', async (_what, damage, reason) => {
    const box = sandbox();
    const pack = damage(craft('::::::a.txt\nx\n', 1));
    await expect(unpack(chunked(pack), { dest: box.dest })).rejects.toThrow(reason);
    expect(readdirSync(box.dest)).toEqual([]);
  });

  it.each([
    ['enc=base64 on a directory', '::::::d/\tenc=base64\n', 1, /enc=base64 on a dir entry/],
    ['a time that is not seconds', '::::::a\tmtime=yesterday\nx\n', 1, /line 2: bad time mtime=yesterday/],
    [
      'a base64 body with a line that starts with a colon',
      '::::::a\tenc=base64\naGk=\n:raw\n',
      1,
      /line 4: bad base64/,
    ],
    ['a base64 body with a line that is not base64', '::::::a\tenc=base64\nnot base64 !!\n', 1, /line 3: bad base64/],
  ])('%s', async (_what, body, count, reason) => {
    await expect(unpack(chunked(craft(body, count)), { dest: sandbox().dest })).rejects.toThrow(reason);
  });
});

describe('valid packs that used to fail', () => {
  it('a text line starting with a colon, longer than any separator may be, round-trips', async () => {
    const src = folder();
    writeFileSync(join(src, 'long.txt'), `:${'x'.repeat(100_000)}\n::::: five colons\n`);
    const dest = folder();
    await unpack(chunked(await packToBuffer(['long.txt'], { cwd: src }), [3, 70_000]), { dest });
    expect(snapshot(dest)).toEqual(snapshot(src));
  });

  it('names of 255 bytes round-trip', async () => {
    const src = folder();
    mkdirSync(join(src, 'd'.repeat(255)));
    writeFileSync(join(src, 'd'.repeat(255), `${'é'.repeat(127)}x`), 'x\n');
    const dest = folder();
    await unpack(chunked(await packToBuffer(['.'], { cwd: src })), { dest });
    expect(snapshot(dest)).toEqual(snapshot(src));
  });

  it('symlinks to directories, absolute symlinks and self-loops are packed as symlinks', async () => {
    const src = folder();
    mkdirSync(join(src, 'tree', 'd'), { recursive: true });
    writeFileSync(join(src, 'tree', 'd', 'f'), 'f\n');
    symlinkSync('d', join(src, 'tree', 'dl'));
    symlinkSync('/etc', join(src, 'tree', 'abs'));
    symlinkSync('loop', join(src, 'tree', 'd', 'loop'));
    const dest = folder();
    await unpack(chunked(await packToBuffer(['tree'], { cwd: src })), { dest });
    expect(snapshot(dest)).toEqual(snapshot(src));
    expect(existsSync(join(dest, 'tree', 'dl', 'f'))).toBe(true);
  });
});
