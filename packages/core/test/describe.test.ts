import { execFileSync } from 'node:child_process';
import { constants, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
import { BINARY_SNIFF_BYTES, describeErrno, isBinary, OptionError } from '../dist/index.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('describeErrno', () => {
  const dir = tempDir('sys-core-');

  it.each([
    ['a missing file', () => readFileSync(join(dir, 'missing')), 'no such file or directory'],
    ['a directory read as a file', () => readFileSync(dir), 'is a directory'],
    ['a file used as a directory', () => readFileSync(join(import.meta.filename, 'x')), 'not a directory'],
  ])('words the errno of %s as a sentence without the path', (_what, run, sentence) => {
    expect(describeErrno(thrown(run))).toBe(sentence);
  });

  it("keeps Node's description of an errno it has no sentence for", () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // Opening a fifo for writing, without blocking, while nobody reads: ENXIO.
    const error = thrown(() => openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    expect((error as NodeJS.ErrnoException).code).toBe('ENXIO');
    expect(describeErrno(error)).toBe('no such device or address');
  });

  it('gives the message of other errors and the text of other values', () => {
    expect(describeErrno(new OptionError('n', 'must be 1 or more'))).toBe('n: must be 1 or more');
    expect(describeErrno('plain words')).toBe('plain words');
    expect(describeErrno(undefined)).toBe('undefined');
  });
});

describe('isBinary', () => {
  it('is true for a NUL among the first 8000 bytes only', () => {
    const at = (i: number) => {
      const buf = Buffer.alloc(BINARY_SNIFF_BYTES + 10, 'a');
      buf[i] = 0;
      return buf;
    };
    expect(isBinary(at(0))).toBe(true);
    expect(isBinary(at(7999))).toBe(true);
    expect(isBinary(at(8000))).toBe(false);
    expect(isBinary(Buffer.from('plain\r\ntext\n'))).toBe(false);
    expect(isBinary(new Uint8Array(0))).toBe(false);
  });
});
