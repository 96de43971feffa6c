import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filter, fnmatch, fnmatchCase, translate } from '../dist/index.js';

const table = JSON.parse(readFileSync(new URL('./fixtures/fnmatch-cases.json', import.meta.url), 'utf8')) as {
  cases: [pattern: string, name: string, matched: boolean][];
};

describe('fnmatch', () => {
  it('answers every case of the table exactly as Python fnmatchcase does', () => {
    const wrong = table.cases.filter(([pattern, name, matched]) => fnmatchCase(name, pattern) !== matched);
    expect(wrong).toEqual([]);
    expect(table.cases.length).toBeGreaterThan(10_000);
  });

  it.each([
    ['*.py', '.hidden.py', true],
    ['[!abc]', 'd', true],
    ['[', '[', true],
    ['{a,b}', 'a', false],
    ['a?c', 'a\nc', true],
  ])('%j against %j is %j', (pattern, name, expected) => {
    expect(fnmatch(name, pattern)).toBe(expected);
  });

  it('does not fold case on POSIX', () => {
    expect(fnmatch('A.PY', '*.py')).toBe(process.platform === 'win32');
  });

  it('stays fast on patterns that make a naive regex backtrack', () => {
    // Exponential backtracking would take minutes here; the atomic form answers at once.
    expect(fnmatch(`${'a'.repeat(60)}c`, '*a*a*a*a*a*a*a*b')).toBe(false);
  });

  it('filter keeps the matching names in order', () => {
    expect(filter(['b.ts', 'a.js', 'c.ts'], '*.ts')).toEqual(['b.ts', 'c.ts']);
  });

  it('translate gives an anchored expression', () => {
    expect(new RegExp(translate('a*b'), 'su').test('a-x-b')).toBe(true);
    expect(translate('a*b').startsWith('^')).toBe(true);
  });
});
