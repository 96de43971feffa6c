import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { list, unpack } from '../dist/index.js';
import { chunked, craft, folder } from './_util.js';

// Escaped lines, base64, short and long content: every kind of byte the checksum covers.
const pack = craft(
  [
    '::::::a.txt',
    'one',
    '\\::::::escaped',
    '\\\\::::::twice',
    '::::::b/',
    '::::::b/c.bin\tenc=base64',
    'AAECAwQFBgcICQ==',
    '::::::b/d.txt\tnoeol',
    `${'x'.repeat(300)}:${'y'.repeat(200)}`,
    '',
  ].join('\n'),
  4,
);
const trailerAt = pack.lastIndexOf('::::::\tend');
// An edited header line is another format (the chapter's pack1 has no checksum): edits start after it.
const bodyAt = pack.indexOf('\n') + 1;

describe('checksum', () => {
  it('a good pack unpacks whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 8 }), async (cuts) => {
        const dest = folder();
        await unpack(chunked(pack, cuts), { dest });
        expect(readdirSync(dest).sort()).toEqual(['a.txt', 'b']);
      }),
      { numRuns: 60 },
    );
  });

  it('any one byte changed between the header and the trailer is refused, whatever the chunking, and leaves nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: bodyAt, max: trailerAt - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (at, delta, cuts) => {
          const edited = Buffer.from(pack);
          edited[at] = ((edited[at] as number) + delta) % 256;
          const dest = folder();
          await expect(unpack(chunked(edited, cuts), { dest })).rejects.toThrow();
          expect(readdirSync(dest)).toEqual([]);
          await expect(
            (async () => {
              for await (const _ of list(chunked(edited, cuts)));
            })(),
          ).rejects.toThrow();
        },
      ),
      { numRuns: 150 },
    );
  });
});
