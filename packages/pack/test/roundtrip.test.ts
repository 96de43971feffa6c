import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { list, unpack } from '../src/index.js';
import { build, node } from './_trees.js';
import { chunked, folder, packToBuffer, snapshot } from './_util.js';

describe('pack then unpack', () => {
  it('gives back any tree byte for byte: contents, modes, links, empty files and dirs, odd names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(node, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 5 }), async (nodes, cuts) => {
        const src = folder();
        build(join(src, 'tree'), nodes);
        mkdirSync(join(src, 'tree'), { recursive: true });
        const packed = await packToBuffer(['tree'], { cwd: src });
        const dest = folder();
        await unpack(chunked(packed, cuts), { dest });
        expect(snapshot(join(dest, 'tree'))).toEqual(snapshot(join(src, 'tree')));
      }),
      { numRuns: 60 },
    );
  });

  it('writes plain text files verbatim after their separator, as the chapter does', async () => {
    const src = folder();
    writeFileSync(join(src, 'spam.txt'), 'Hello\nworld\n');
    const text = (await packToBuffer(['spam.txt'], { cwd: src })).toString();
    expect(text.split('\n').slice(0, 4)).toEqual(['::::::\tsys-pack 1', '::::::spam.txt', 'Hello', 'world']);
  });

  it('lists entries with sizes without writing anything', async () => {
    const src = folder();
    mkdirSync(join(src, 'd'));
    writeFileSync(join(src, 'd', 'f.txt'), 'abc');
    const entries = [];
    for await (const e of list(chunked(await packToBuffer(['d'], { cwd: src }), [3, 40]))) entries.push(e);
    expect(entries.map((e) => [e.path, e.type, e.size])).toEqual([
      ['d', 'dir', 0],
      ['d/f.txt', 'file', 3],
    ]);
  });

  it('packs the contents of a folder given as .', async () => {
    const src = folder();
    writeFileSync(join(src, 'top.txt'), 'x\n');
    const dest = folder();
    await unpack(chunked(await packToBuffer(['.'], { cwd: src })), { dest });
    expect(snapshot(dest)).toEqual(snapshot(src));
  });
});
