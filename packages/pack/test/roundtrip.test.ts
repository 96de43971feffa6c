import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { list, unpack } from '../dist/index.js';
import { chunked, folder, packToBuffer, snapshot } from './_util.js';

// Backslashes are refused on unpack (a Windows separator), so pack skips such names: see pack.test.ts.
const nameChar = fc.constantFrom('a', 'b', 'Z', ' ', '-', '.', 'é', '日', '😀', ':', '"', '\t', '\n', '=');
const name = fc
  .array(nameChar, { minLength: 1, maxLength: 8 })
  .map((cs) => cs.join(''))
  .filter((n) => n !== '.' && n !== '..' && !n.includes('/'));
const line = fc.oneof(
  fc.constantFrom('::::::', '::::::x', '\\::::::y', '\\\\::::::', '::::::::::::::', ':::::', '\\', '', 'text'),
  fc.string({ maxLength: 12 }),
  fc.uint8Array({ maxLength: 10 }).map((b) => Buffer.from(b).toString('latin1')),
);
const content = fc
  .tuple(fc.array(line, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r', ''), fc.boolean())
  .map(([lines, end, finalNewline]) => Buffer.from(lines.join(end) + (finalNewline ? '\n' : ''), 'latin1'));
const node = fc.record({
  dir: fc.array(name, { maxLength: 2 }),
  name,
  kind: fc.constantFrom('file', 'file', 'file', 'dir', 'link'),
  content,
  mode: fc.constantFrom(0o644, 0o755, 0o600, 0o444),
});

type Node = { dir: string[]; name: string; kind: string; content: Buffer; mode: number };

function build(root: string, nodes: Node[]): void {
  for (const n of nodes) {
    const dir = join(root, ...n.dir.map((d) => `d${d}`));
    try {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, n.name);
      if (n.kind === 'dir') mkdirSync(path);
      else if (n.kind === 'link') symlinkSync(`../${n.name}`, path);
      else {
        writeFileSync(path, n.content, { flag: 'wx' });
        chmodSync(path, n.mode);
      }
    } catch {
      // a name taken already (or a file where a directory was wanted): keep what is there
    }
  }
}

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
