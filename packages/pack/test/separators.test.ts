import { describe, expect, it } from 'vitest';
import { isMoreRule, parsePack1Separator } from '../src/index.js';

describe('separators', () => {
  it.each([
    ['::::::spam.txt\n', { format: 'pack1', path: 'spam.txt' }],
    ['::::::dir/with space.py\r\n', { format: 'pack1', path: 'dir/with space.py' }],
    ['::::::', undefined],
    ['plain text\n', undefined],
    [':::::short\n', undefined],
    ['::::::::::::::\n', undefined],
  ])('reads %j as %j', (line, expected) => {
    expect(parsePack1Separator(line)).toEqual(expected);
  });

  it('recognises the 14-colon rule of more and nothing else', () => {
    expect(isMoreRule('::::::::::::::\n')).toBe(true);
    expect(isMoreRule(':::::::::::::::\n')).toBe(false);
    expect(isMoreRule('::::::x\n')).toBe(false);
  });
});
