import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pack } from '../dist/index.js';
import { folder, packToBuffer } from './_util.js';

/** A tree of a few megabytes, every file different, so that a chunk written twice or out of place shows. */
function tree(): string {
  const src = folder();
  for (let d = 0; d < 8; d++) {
    mkdirSync(join(src, `d${d}`));
    for (let f = 0; f < 40; f++) {
      const line = `file ${d}/${f}: ${'x'.repeat((d * 40 + f) % 90)}\n`;
      writeFileSync(join(src, `d${d}`, `f${f}.txt`), line.repeat(250 + ((d * 7 + f) % 50)));
    }
  }
  return src;
}

describe('pack output', () => {
  it('writes the same bytes to a file stream as to memory, across many chunks', async () => {
    const src = tree();
    const expected = await packToBuffer(['.'], { cwd: src });
    expect(expected.length).toBeGreaterThan(4 * 1024 * 1024);
    const file = join(folder(), 'out.pack');
    await pack(['.'], createWriteStream(file), { cwd: src });
    expect(readFileSync(file).equals(expected)).toBe(true);
  });

  it('keeps packing while a slow stream writes, and waits once it holds a megabyte or more unwritten', async () => {
    const src = tree();
    let most = 0;
    const chunks: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        setImmediate(done);
      },
    });
    const write = out.write.bind(out);
    out.write = ((chunk: Buffer, ...rest: never[]) => {
      const ok = write(chunk, ...rest);
      most = Math.max(most, out.writableLength);
      return ok;
    }) as typeof out.write;
    await pack(['.'], out, { cwd: src });
    expect(Buffer.concat(chunks).equals(await packToBuffer(['.'], { cwd: src }))).toBe(true);
    // Waiting for 'drain' at every chunk (the stream's highWaterMark is less than one) leaves one at a time.
    expect(most).toBeGreaterThan(1024 * 1024);
    expect(most).toBeLessThanOrEqual(1536 * 1024);
  });
});
