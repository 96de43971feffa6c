import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackExistsError, PackFormatError, UnsafePathError, unpack } from '../dist/index.js';
import { chunked, craft, folder, packToBuffer, sandbox } from './_util.js';

describe('unpack refuses hostile packs, writing nothing outside the destination', () => {
  it.each([
    ['an absolute path', '::::::/tmp/sys-pack-pwned\nx\n', /absolute path/],
    ['many leading slashes', '::::::////tmp/sys-pack-pwned\nx\n', /absolute path/],
    ['a .. part', '::::::a/../../outside/x\nx\n', /'\.\.' in the path/],
    ['a bare ..', '::::::..\nx\n', /'\.\.' in the path/],
    ['a backslash separator', '::::::..\\outside\\x\nx\n', /backslash/],
    ['a drive letter', '::::::C:\\x\nx\n', /backslash|drive letter/],
    ['a drive-relative path', '::::::C:../x\nx\n', /drive letter/],
    ['a NUL byte in the name', '::::::"a\\u0000b"\nx\n', /NUL byte/],
    ['absurd depth', `::::::${'d/'.repeat(300)}x\nx\n`, /too deep/],
  ])('%s', async (_what, body, reason) => {
    const box = sandbox();
    const attempt = unpack(chunked(craft(body, 1)), { dest: box.dest });
    await expect(attempt).rejects.toThrow(UnsafePathError);
    await expect(unpack(chunked(craft(body, 1)), { dest: box.dest })).rejects.toThrow(reason);
    expect(box.untouched()).toBe(true);
    expect(readdirSync(box.dest)).toEqual([]);
  });

  it('a symlink made by the pack, then a file written through it', async () => {
    const box = sandbox();
    const body = `::::::evil\ttype=symlink target=${JSON.stringify(box.outside)}\n::::::evil/pwned.txt\nx\n`;
    await expect(unpack(chunked(craft(body, 2)), { dest: box.dest })).rejects.toThrow(/'evil' on its way is a symlink/);
    expect(box.untouched()).toBe(true);
  });

  it('a symlink already in the destination, then a file written through it', async () => {
    const box = sandbox();
    symlinkSync(box.outside, join(box.dest, 'planted'));
    await expect(unpack(chunked(craft('::::::planted/pwned.txt\nx\n', 1)), { dest: box.dest })).rejects.toThrow(
      UnsafePathError,
    );
    expect(readdirSync(box.outside)).toEqual([]);
  });

  it('a path that differs from a planted symlink only in case lands in a real directory on a filesystem that does not fold', async (context) => {
    const box = sandbox();
    // Where names fold (macOS, Windows) 'EVIL' is the symlink, and the entry is refused by the test above.
    writeFileSync(join(box.root, 'probe'), '');
    if (existsSync(join(box.root, 'PROBE'))) context.skip();
    rmSync(join(box.root, 'probe'));
    // Where names fold, lstat('EVIL') would report the symlink and the entry would be refused.
    const body = `::::::evil\ttype=symlink target=${JSON.stringify(box.outside)}\n::::::EVIL/x.txt\nx\n`;
    await unpack(chunked(craft(body, 2)), { dest: box.dest });
    expect(readdirSync(box.outside)).toEqual([]);
    expect(readFileSync(join(box.dest, 'EVIL', 'x.txt'), 'utf8')).toBe('x\n');
  });

  it('a symlink entry over a file that exists is refused without force, and replaces (never follows) it with force', async () => {
    const box = sandbox();
    writeFileSync(join(box.dest, 'f'), 'mine');
    const body = `::::::f\ttype=symlink target=${JSON.stringify(join(box.outside, 'x'))}\n`;
    await expect(unpack(chunked(craft(body, 1)), { dest: box.dest })).rejects.toThrow(PackExistsError);
    expect(readFileSync(join(box.dest, 'f'), 'utf8')).toBe('mine');
    await unpack(chunked(craft(body, 1)), { dest: box.dest, force: true });
    expect(readlinkSync(join(box.dest, 'f'))).toBe(join(box.outside, 'x'));
    expect(box.untouched()).toBe(true);
  });

  it('a file over an existing symlink with force replaces the link, never writes through it', async () => {
    const box = sandbox();
    symlinkSync(join(box.outside, 'target.txt'), join(box.dest, 'f'));
    await unpack(chunked(craft('::::::f\nnew\n', 1)), { dest: box.dest, force: true });
    expect(existsSync(join(box.outside, 'target.txt'))).toBe(false);
    expect(readFileSync(join(box.dest, 'f'), 'utf8')).toBe('new\n');
  });
});

describe('unpack detects damaged packs and says where', () => {
  it('does not overwrite an existing file without force', async () => {
    const box = sandbox();
    writeFileSync(join(box.dest, 'a.txt'), 'mine');
    await expect(unpack(chunked(craft('::::::a.txt\ntheirs\n', 1)), { dest: box.dest })).rejects.toThrow(
      'line 2: a.txt already exists (force overwrites it)',
    );
    expect(readFileSync(join(box.dest, 'a.txt'), 'utf8')).toBe('mine');
    await unpack(chunked(craft('::::::a.txt\ntheirs\n', 1)), { dest: box.dest, force: true });
    expect(readFileSync(join(box.dest, 'a.txt'), 'utf8')).toBe('theirs\n');
  });

  it('a truncated pack: error, and nothing of it in the destination, not even its whole first file', async () => {
    const src = folder();
    writeFileSync(join(src, 'a.txt'), 'first\n');
    writeFileSync(join(src, 'b.txt'), 'second file\nwith lines\n');
    const whole = await packToBuffer(['a.txt', 'b.txt'], { cwd: src });
    const cut = whole.subarray(0, whole.indexOf('with lines'));
    const box = sandbox();
    await expect(unpack(chunked(cut), { dest: box.dest })).rejects.toThrow(/truncated/);
    expect(readdirSync(box.dest)).toEqual([]);
    expect(box.untouched()).toBe(true);
  });

  it.each([
    ['garbage', 'hello world\n', /line 1: not a pack/],
    ['an empty input', '', /line 1: empty input/],
    ['an edited byte', null, /checksum mismatch/],
    ['a wrong count', 'count', /the trailer counts 2 entries, the pack has 1/],
    ['content under a directory', 'dircontent', /line 3: content under a dir entry/],
    ['an unknown attribute', 'attr', /line 2: unknown attribute color=red/],
    ['data after the trailer', 'after', /data after the trailer/],
    ['a base64 line that is not base64', 'b64', /line 3: bad base64 line/],
  ])('%s', async (what, body, reason) => {
    let pack: Buffer;
    if (what === 'an edited byte') {
      pack = craft('::::::a.txt\nhello\n', 1);
      pack[pack.indexOf('hello')] = 'j'.charCodeAt(0);
    } else if (body === 'count')
      pack = craft('::::::a.txt\nx\n', 1).toString().replace('entries=1', 'entries=2') as never;
    else if (body === 'dircontent') pack = craft('::::::d/\nnot allowed\n', 1);
    else if (body === 'attr') pack = craft('::::::a\tcolor=red\n', 1);
    else if (body === 'after') pack = Buffer.concat([craft('::::::a\n', 1), Buffer.from('more\n')]);
    else if (body === 'b64') pack = craft('::::::a\tenc=base64\n#not base64#\n', 1);
    else pack = Buffer.from(body as string);
    const box = sandbox();
    await expect(unpack(chunked(Buffer.from(pack)), { dest: box.dest })).rejects.toThrow(PackFormatError);
    await expect(unpack(chunked(Buffer.from(pack)), { dest: box.dest, force: true })).rejects.toThrow(reason);
  });
});
