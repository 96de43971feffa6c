import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConvertError, convertFile, convertTree, detectFile, type FileResult } from '../dist/index.js';
import { folder, takesByteNames } from './_files.js';

/** `dir/part/...` as bytes; a part given as numbers is raw bytes. */
const at = (dir: string, ...parts: (string | number[])[]) =>
  Buffer.concat([Buffer.from(dir), ...parts.flatMap((p) => [Buffer.from('/'), Buffer.from(p)])]);
/** A directory's names as latin1 text: one character per byte, so bad bytes compare exactly. */
const names = (dir: string | Buffer) =>
  readdirSync(dir, { encoding: 'buffer' })
    .map((n) => n.toString('latin1'))
    .sort();
const latin1 = (...bytes: (string | number[])[]) => Buffer.concat(bytes.map((b) => Buffer.from(b))).toString('latin1');
const BAD = [0x62, 0xff]; // "b\xff"

describe.skipIf(!takesByteNames)('names that are not UTF-8', () => {
  it('convertFile converts the file its bytes name, and reports the name as text with the bytes', async () => {
    const dir = folder();
    const path = at(dir, BAD);
    writeFileSync(path, 'a\r\nb\r\n');
    const result = await convertFile(path, 'lf');
    expect(result).toMatchObject({ path: `${dir}/b\uFFFD`, bytePath: path, status: 'changed', changed: true });
    expect(readFileSync(path, 'latin1')).toBe('a\nb\n');
    expect(names(dir)).toEqual([latin1(BAD)]); // no temp left, nothing made under the U+FFFD name
    expect(await convertFile(path, 'lf')).toMatchObject({ status: 'unchanged' });
  });

  it('convertFile streams a big one through a temp file beside it; an abort leaves the file and no temp', async () => {
    const dir = folder();
    const path = at(dir, BAD);
    writeFileSync(path, Buffer.alloc(64 << 20, 'line of text\r\n'));
    const hash = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const original = hash();
    const controller = new AbortController();
    const run = convertFile(path, 'lf', { signal: controller.signal });
    let settled = false;
    run.then(
      () => (settled = true),
      () => (settled = true),
    );
    let temp: Buffer | undefined;
    // Until the temp file has bytes in it: mid-conversion (a run that ends first fails the test).
    while (!settled) {
      temp = readdirSync(dir, { encoding: 'buffer' }).find((n) => n.toString().endsWith('.sys-tmp'));
      if (temp && statSync(Buffer.concat([Buffer.from(`${dir}/`), temp])).size > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(settled).toBe(false);
    expect(temp?.toString()).toMatch(/^\.b\uFFFD\.\d+-/); // beside the target, named after it
    const reason = new Error('enough');
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(names(dir)).toEqual([latin1(BAD)]);
    expect(hash()).toBe(original);
  });

  it('a file that fails is a ConvertError with the path as text and its bytes', async () => {
    const dir = folder();
    const path = at(dir, BAD);
    await expect(convertFile(path, 'lf')).rejects.toSatisfy(
      (error) =>
        error instanceof ConvertError && error.path === `${dir}/b\uFFFD` && path.equals(error.bytePath as Buffer),
    );
    expect(names(dir)).toEqual([]);
  });

  it('followSymlinks converts a target whose name is not UTF-8', async () => {
    const dir = folder();
    writeFileSync(at(dir, BAD), 'x\r\n');
    symlinkSync(at(dir, BAD), join(dir, 'link'));
    expect(await convertFile(join(dir, 'link'), 'lf', { followSymlinks: true })).toMatchObject({ status: 'changed' });
    expect(readFileSync(at(dir, BAD), 'latin1')).toBe('x\n');
    expect(names(dir)).toEqual(['link', latin1(BAD)].sort());
  });

  it('convertTree converts every file once, whatever the bytes of its name or of the folders above it', async () => {
    const dir = folder();
    mkdirSync(at(dir, [0x64, 0xfe]));
    const files = [
      at(dir, BAD),
      at(dir, [0x62, 0xfe]), // shows as b\uFFFD too
      at(dir, 'b\uFFFD'), // a literal U+FFFD, valid UTF-8: shows the same
      at(dir, 'plain.txt'),
      at(dir, [0x64, 0xfe], 'inside.txt'),
      at(dir, [0x64, 0xfe], [0x78, 0x80]),
    ];
    for (const [i, f] of files.entries()) writeFileSync(f, `${i}\r\n`);
    const stale = at(dir, [0x64, 0xfe], '.x.999999999-0badc0de-0.sys-tmp');
    writeFileSync(stale, 'half, of a process long gone');
    const seen: FileResult[] = [];
    const summary = await convertTree(dir, 'lf', { onFile: (r) => void seen.push(r) });
    expect(summary).toEqual({ changed: 6, unchanged: 0, skipped: 0, failed: 0 });
    expect(files.map((f) => readFileSync(f, 'latin1'))).toEqual(files.map((_f, i) => `${i}\n`));
    const bytes = seen.flatMap((r) => (r.bytePath ? [r.bytePath.toString('latin1')] : []));
    expect(bytes.sort()).toEqual([files[0], files[1], files[4], files[5]].map((f) => f?.toString('latin1')).sort());
    expect(names(at(dir, [0x64, 0xfe]))).toEqual(['inside.txt', latin1([0x78, 0x80])]);
    expect(seen.find((r) => r.path.endsWith('/plain.txt'))).not.toHaveProperty('bytePath');
  });

  it('detectFile reads a file its bytes name', async () => {
    const dir = folder();
    writeFileSync(at(dir, BAD), 'a\r\nb\n');
    expect(await detectFile(at(dir, BAD))).toMatchObject({ crlf: 1, lf: 1, style: 'mixed' });
  });
});
