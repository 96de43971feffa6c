import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { useSimd } from '../dist/_simd.js';
import { SLOT } from '../dist/_simd-wasm.js';
import { convertBuffer, convertFile, convertTree, detectBuffer } from '../dist/index.js';
import { folder } from './_files.js';

// Files above the small-file limit are read a slot at a time straight into the SIMD kernel's
// memory and converted there; these check that path against the whole-buffer conversion.

/** About two and a half slots of CRLF text, with `middle` written just before each slot edge. */
function bigText(middle: string, back: number): Buffer {
  const data = Buffer.alloc(2 * SLOT + SLOT / 2, 'a line\r\nx\ry\r\r\n', 'latin1');
  for (const edge of [SLOT, 2 * SLOT]) data.write(middle, edge - back, 'latin1');
  return data;
}

const middles = fc.constantFrom('\r\n', '\r\r\r\r\n', '\r\r\r\rx', '\r\r', '\n\n', '\r');
const backs = fc.integer({ min: 0, max: 6 });

afterEach(() => {
  useSimd(true);
});

describe('converting a large file in place', () => {
  it('writes the same bytes and counts, with the kernel or without, wherever CRs fall on slot edges', async () => {
    const dir = folder();
    await fc.assert(
      fc.asyncProperty(middles, backs, fc.boolean(), async (middle, back, simd) => {
        const data = bigText(middle, back);
        useSimd(false);
        const expected = convertBuffer(data, 'lf');
        useSimd(simd);
        const path = join(dir, 'big.txt');
        writeFileSync(path, data);
        const result = await convertFile(path, 'lf');
        const { crlf, lf, cr } = detectBuffer(data);
        expect(result.before).toEqual({ crlf, lf, cr });
        expect(readFileSync(path).equals(expected)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('converts several large files at once correctly (one pump holds the kernel memory, the others wait for nothing)', async () => {
    const dir = folder();
    const inputs = [0, 1, 2, 3].map((i) => bigText('\r\r\r\n'.slice(i), i + 1));
    for (const [i, data] of inputs.entries()) writeFileSync(join(dir, `${i}.txt`), data);
    const summary = await convertTree(dir, 'lf');
    expect(summary.changed).toBe(4);
    for (const [i, data] of inputs.entries()) {
      expect(readFileSync(join(dir, `${i}.txt`)).equals(convertBuffer(data, 'lf'))).toBe(true);
    }
  });
});
