import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Heap, TopN } from '../dist/_heap.js';

describe('Heap and TopN', () => {
  it('a heap pops in sorted order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (xs) => {
        const heap = new Heap<number>((a, b) => a < b);
        for (const x of xs) heap.push(x);
        const out: number[] = [];
        for (let x = heap.pop(); x !== undefined; x = heap.pop()) out.push(x);
        expect(out).toEqual([...xs].sort((a, b) => a - b));
      }),
    );
  });

  it('TopN keeps what sorting everything and slicing would', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.nat(20), (xs, n) => {
        const top = new TopN<number>(n, (a, b) => a - b);
        for (const x of xs) top.offer(x);
        expect(top.sorted()).toEqual([...xs].sort((a, b) => b - a).slice(0, n));
      }),
    );
  });
});
