import { PackExistsError, PackFormatError } from '@sys/pack';
import { describe, expect, it } from 'vitest';
import { inPack } from '../dist/_input.js';

describe('a pack error named after the input', () => {
  it('keeps its class and fields, takes the input as its path', () => {
    const error = inPack(new PackFormatError(3, 'a separator line is cut short'), 'p.pack');
    expect(error).toBeInstanceOf(PackFormatError);
    expect(error).toMatchObject({ code: 'ERR_SYS_PACK_FORMAT', line: 3, path: 'p.pack' });
    expect((error as Error).message).toBe('line 3: a separator line is cut short');
  });

  it('says --force, and stdin for no file', () => {
    const error = inPack(new PackExistsError('a.txt', 2), undefined);
    expect(error).toBeInstanceOf(PackExistsError);
    expect(error).toMatchObject({
      entry: 'a.txt',
      path: 'stdin',
      message: 'line 2: a.txt already exists (--force overwrites it)',
    });
  });

  it('leaves other errors as they are', () => {
    const other = Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    expect(inPack(other, 'p.pack')).toBe(other);
    expect(other).not.toHaveProperty('path');
  });
});
