import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';
import { describe, expect, it } from 'vitest';
import { pipeline, popen } from '../dist/index.js';

// bash (pipefail) reports `yes | head -1` as 141, CPython as -13, both silently: the writer
// whose reader left dies of SIGPIPE. Node's socket pairs gave ECONNRESET and a message.
describe('a writer whose reader left dies of SIGPIPE, quietly', () => {
  it('in a pipeline: the stage’s status says SIGPIPE and its stderr is empty', async () => {
    const r = await pipeline([['yes'], ['head', '-1']]);
    expect(r.stdout).toBe('y\n');
    expect(r.stages[0]).toMatchObject({ code: null, signal: 'SIGPIPE', stderr: '' });
    expect(r.stages[1]).toMatchObject({ code: 0, signal: null });
  });

  it('in a long pipeline, each stage in turn', async () => {
    const r = await pipeline([['yes'], ['cat'], ['head', '-c', '100000'], ['head', '-1']]);
    expect(r.stdout).toBe('y\n');
    expect(r.stages.map((s) => s.signal)).toEqual(['SIGPIPE', 'SIGPIPE', 'SIGPIPE', null]);
    expect(r.stderr).toBe('');
  });

  it('under popen: leaving the loop early, close() gives 141 and nothing is said', async () => {
    const errors = join(tempDir('sys-procs-'), 'stderr');
    const listing = popen(`yes 2>${errors}`);
    for await (const line of listing) {
      expect(line).toBe('y');
      break;
    }
    expect(await listing.close()).toBe(141);
    expect(readFileSync(errors, 'utf8')).toBe('');
  });

  it('under popen with await using: the writer is ended and reaped when the scope ends', async () => {
    let pid = 0;
    {
      await using listing = popen('echo $$; exec yes');
      for await (const line of listing) {
        pid = Number(line);
        break;
      }
    }
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
