import { describe, expect, it } from 'vitest';
// From src/, where no _child.js lies beside _fork.ts: a package whose runner is missing. (A
// file of its own: importing src/ registers its error classes over dist's.)
import { Process } from '../src/index.js';

const tasks = new URL('./fixtures/tasks.ts', import.meta.url);

describe('the child runner', () => {
  it('fails clearly when it was not built (no TypeScript fallback)', () => {
    const p = new Process({ module: tasks, export: 'square', args: [2] });
    expect(() => p.start()).toThrow(expect.objectContaining({ code: 'ERR_SYS_CHILD_START' }));
    expect(() => p.start()).toThrow(/runner .*_child\.js is missing/);
  });
});
