import { mkdirSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atomicWrite, joinName, nameText, parentOf, pathText, removeStaleTemps, tempPathFor } from '../dist/index.js';

const BAD = Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2e, 0x74, 0x78, 0x74]); // bad\xff.txt: not UTF-8
/** `dir/name/...` as bytes. */
const bytes = (dir: string, ...parts: (string | Buffer)[]) =>
  Buffer.concat([Buffer.from(dir), ...parts.flatMap((n) => [Buffer.from('/'), Buffer.from(n)])]);
const names = (dir: string | Buffer) => readdirSync(dir, { encoding: 'buffer' }).map((n) => n.toString('latin1'));

/** Whether this file system takes names that are not UTF-8 (some refuse them with EILSEQ). */
const takesBytes = (() => {
  try {
    writeFileSync(bytes(tempDir('sys-core-probe-'), BAD), '');
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!takesBytes)('names that are not UTF-8', () => {
  it('atomicWrite replaces the file named by the bytes, through a temp file beside it', async () => {
    const dir = tempDir('sys-core-');
    const target = bytes(dir, BAD);
    writeFileSync(target, 'old');
    let during: string[] = [];
    await atomicWrite(target, (fd) => {
      during = names(dir);
      writeSync(fd, 'new');
    });
    expect(readFileSync(target, 'utf8')).toBe('new');
    // Nothing was made under the U+FFFD name, which is another file.
    expect(names(dir)).toEqual([BAD.toString('latin1')]);
    expect(during).toHaveLength(2);
    const temp = during.find((n) => n !== BAD.toString('latin1')) as string;
    expect(Buffer.from(temp, 'latin1').toString('utf8')).toMatch(
      /^\.bad\uFFFD\.txt\.\d+-[0-9a-f]{8}-[0-9a-z]+\.sys-tmp$/,
    );
  });

  it('atomicWrite leaves the file and no temp behind when the fill fails', async () => {
    const dir = tempDir('sys-core-');
    const target = bytes(dir, BAD);
    writeFileSync(target, 'old');
    const boom = new Error('boom');
    await expect(atomicWrite(target, () => Promise.reject(boom))).rejects.toBe(boom);
    expect(names(dir)).toEqual([BAD.toString('latin1')]);
    expect(readFileSync(target, 'utf8')).toBe('old');
  });

  it('an AtomicWriteError shows the path as text, U+FFFD for the bad byte', async () => {
    const dir = tempDir('sys-core-');
    const target = bytes(dir, BAD, 'x'); // below a file: cannot be created
    await expect(atomicWrite(target, 'x')).rejects.toMatchObject({
      code: 'ERR_SYS_ATOMIC_WRITE',
      path: `${dir}/bad\uFFFD.txt/x`,
    });
    expect(names(dir)).toEqual([]);
  });

  it('removeStaleTemps clears a directory named by bytes', async () => {
    const dir = bytes(tempDir('sys-core-'), BAD);
    mkdirSync(dir);
    const stale = joinName(dir, '.a.txt.999999999-0123abcd-0.sys-tmp');
    writeFileSync(stale, 'half');
    writeFileSync(tempPathFor(joinName(dir, 'b.txt')), 'mine: this process is alive');
    expect(await removeStaleTemps(dir)).toBe(1);
    expect(names(dir)).toHaveLength(1);
  });
});

describe('paths as bytes', () => {
  it('a literal U+FFFD in a name (valid UTF-8) is written under that name', async () => {
    const dir = tempDir('sys-core-');
    await atomicWrite(join(dir, 'x\uFFFD.txt'), 'ok');
    expect(readdirSync(dir)).toEqual(['x\uFFFD.txt']);
  });

  const textPath = fc
    .array(fc.constantFrom('/', 'a', '.', '..', 'é', '\uFFFD', 'b c'), { maxLength: 8 })
    .map((p) => p.join(''));

  it('parentOf, nameText and joinName give for bytes what node:path gives for the same text', () => {
    fc.assert(
      fc.property(textPath, fc.constantFrom('n', 'é.txt', '\uFFFD'), (path, name) => {
        const buf = Buffer.from(path);
        expect(parentOf(buf)).toEqual(Buffer.from(dirname(path)));
        expect(nameText(buf)).toBe(basename(path));
        expect(joinName(buf, name)).toEqual(Buffer.from(join(path, name)));
        expect(pathText(buf)).toBe(path);
      }),
    );
  });

  it("tempPathFor keeps any byte path's directory bytes, and makes a short temp name that is valid UTF-8", () => {
    const noSlashOrNul = fc
      .uint8Array({ minLength: 1, maxLength: 300 })
      .map((a) => Buffer.from(a.map((b) => (b === 0 || b === 0x2f ? 0x41 : b))));
    fc.assert(
      fc.property(noSlashOrNul, noSlashOrNul, (dir, name) => {
        // Led by a letter: '.' and '..' are no file names, and path.join would fold them away.
        const target = Buffer.concat([Buffer.from('/d'), dir, Buffer.from('/n'), name]);
        const temp = tempPathFor(target);
        expect(Buffer.isBuffer(temp)).toBe(true);
        expect(parentOf(temp)).toEqual(parentOf(target));
        const own = temp.subarray(dir.length + 3);
        expect(Buffer.from(own.toString('utf8')).equals(own)).toBe(true);
        expect(own.length).toBeLessThanOrEqual(72);
        expect(own.toString('utf8').startsWith('.n')).toBe(true);
      }),
    );
  });
});
