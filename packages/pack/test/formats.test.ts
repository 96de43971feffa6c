import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { list, parseSeparator, separatorLine, unpack } from '../dist/index.js';
import { chunked, craft, folder } from './_util.js';

describe('reading the chapter formats', () => {
  it("unpacks the chapter's pack1 output: ::::::NAME then the file's lines", async () => {
    const dest = folder();
    const pack1 = '::::::spam.txt\nspam\nSPAM\n::::::eggs.txt\neggs\n';
    expect(await unpack(chunked(Buffer.from(pack1), [9, 20]), { dest })).toMatchObject({ format: 'pack1', entries: 2 });
    expect(readFileSync(join(dest, 'spam.txt'), 'utf8')).toBe('spam\nSPAM\n');
    expect(readFileSync(join(dest, 'eggs.txt'), 'utf8')).toBe('eggs\n');
  });

  it('unpacks more output: a 14-colon rule, the name, a rule, then the text', async () => {
    const dest = folder();
    const rule = '::::::::::::::';
    const more = `${rule}\na.txt\n${rule}\nline 1\n${rule} not a rule\n${rule}\nb.txt\n${rule}\nb text\n`;
    expect(await unpack(chunked(Buffer.from(more), [15, 22]), { dest })).toMatchObject({ format: 'more', entries: 2 });
    expect(readFileSync(join(dest, 'a.txt'), 'utf8')).toBe(`line 1\n${rule} not a rule\n`);
    expect(readFileSync(join(dest, 'b.txt'), 'utf8')).toBe('b text\n');
  });

  it('still refuses unsafe names in the old formats', async () => {
    await expect(unpack(chunked(Buffer.from('::::::../x\nx\n')), { dest: folder() })).rejects.toThrow(/'\.\.'/);
  });

  it('lists the entries of an old-format pack', async () => {
    const names = [];
    for await (const e of list(chunked(Buffer.from('::::::a\n1\n::::::b\n22\n')))) names.push([e.path, e.size]);
    expect(names).toEqual([
      ['a', 2],
      ['b', 3],
    ]);
  });
});

describe('separator lines', () => {
  it.each([
    [{ path: 'plain.txt', type: 'file' as const, mode: 0o644 }, '::::::plain.txt'],
    [{ path: 'dir', type: 'dir' as const, mode: 0o755 }, '::::::dir/'],
    [{ path: 'run.sh', type: 'file' as const, mode: 0o755, noeol: true }, '::::::run.sh\tmode=755 noeol'],
    [{ path: 'a\nb', type: 'file' as const }, '::::::"a\\nb"'],
    [{ path: '"quoted', type: 'file' as const }, '::::::"\\"quoted"'],
    [{ path: 'l', type: 'symlink' as const, target: 'x y' }, '::::::l\ttype=symlink target="x y"'],
  ])('%j reads back from %j', (entry, line) => {
    expect(separatorLine(entry)).toBe(line);
    const parsed = parseSeparator(line);
    expect(parsed).toMatchObject({ kind: 'entry', entry: { path: entry.path, type: entry.type } });
  });
});

describe('list', () => {
  it('lets the consumer stop early and closes the input', async () => {
    const src = folder();
    const packFile = join(src, 'many.pack');
    writeFileSync(packFile, Array.from({ length: 3000 }, (_, i) => `::::::f${i}\nx\n`).join(''));
    const stream = createReadStream(packFile, { highWaterMark: 256 });
    let n = 0;
    for await (const _ of list(stream)) if (++n === 5) break;
    expect(n).toBe(5);
    expect(stream.destroyed).toBe(true);
  });

  it('holds the parser back while the consumer is slow', async () => {
    const entries = Array.from({ length: 3000 }, (_, i) => `::::::f${i}\nx\n`).join('');
    const chunks = chunked(
      craft(entries, 3000),
      Array.from({ length: 200 }, (_, i) => i * 97),
    );
    let read = 0;
    const counted = (async function* () {
      for await (const chunk of chunks) {
        read += chunk.length;
        yield chunk;
      }
    })();
    const listing = list(counted);
    await listing.next();
    await new Promise((resolve) => setImmediate(resolve));
    // One entry taken: the parser may run a bounded way ahead, not through the whole pack.
    expect(read).toBeLessThan(4000);
    await listing.return();
  });

  it('stops at once when its signal aborts, even while the input waits for data', async () => {
    const input = new PassThrough();
    input.write('::::::\tsys-pack 1\n::::::a\nx\n::::::b\n');
    const controller = new AbortController();
    const listing = list(input, { signal: controller.signal });
    expect((await listing.next()).value).toMatchObject({ path: 'a', size: 2 });
    const next = listing.next(); // waits: the input has nothing more yet
    controller.abort(new Error('enough'));
    await expect(next).rejects.toThrow('enough');
    expect(input.destroyed).toBe(true);
  });
});
