import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonExact } from '../dist/index.js';

describe('isJsonExact', () => {
  it('says yes only when JSON gives back what a structured clone gives back', () => {
    fc.assert(
      fc.property(
        fc.anything({ withMap: true, withSet: true, withDate: true, withBigInt: true, withNullPrototype: true }),
        (value) => {
          if (!isJsonExact(value)) return;
          expect(JSON.parse(JSON.stringify(value))).toEqual(structuredClone(value));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('says yes to any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        expect(isJsonExact(value)).toBe(!containsMinusZero(value));
      }),
    );
  });

  it.each([
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['-0', -0],
    ['a Map', new Map()],
    ['a Date', new Date(0)],
    ['a bigint', 1n],
    ['an array with a hole', Object.assign([], { 0: 1, 2: 3, length: 3 })],
    ['an object holding undefined', { a: undefined }],
    ['a class instance', new (class Point {})()],
    ['nesting deeper than 64', JSON.parse(`${'['.repeat(70)}${']'.repeat(70)}`)],
  ])('says no to %s', (_what, value) => {
    expect(isJsonExact(value)).toBe(false);
  });
});

function containsMinusZero(value: unknown): boolean {
  if (Object.is(value, -0)) return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(containsMinusZero);
}
