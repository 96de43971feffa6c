import { closeSync, futimesSync, openSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utimesSeconds } from '../dist/index.js';

describe('utimesSeconds', () => {
  it('lands every time on its own microsecond', () => {
    const file = join(tempDir('sys-core-times-'), 'f');
    writeFileSync(file, '');
    const fd = openSync(file, 'r+');
    try {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: 4_000_000_000_000_000n }), (micros) => {
          const ns = micros * 1000n + 999n;
          futimesSync(fd, utimesSeconds(ns), utimesSeconds(ns));
          expect(statSync(file, { bigint: true }).mtimeNs / 1000n).toBe(micros);
        }),
        { numRuns: 300 },
      );
    } finally {
      closeSync(fd);
    }
  });

  it('passes a Date through', () => {
    const date = new Date(0);
    expect(utimesSeconds(date)).toBe(date);
  });
});
