import { describe, expect, it } from 'vitest';
import { ProcessError, run } from '../src/index.js';

const node = process.execPath;

describe('run', () => {
  it('returns stdout, stderr and the exit code of a real process', async () => {
    const r = await run([node, '-e', 'console.log("out"); console.error("err"); process.exit(42)']);
    expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', code: 42, signal: null });
  });

  it('feeds input to stdin', async () => {
    const r = await run([node, '-e', 'process.stdin.pipe(process.stdout)'], { input: 'Pokey\n' });
    expect(r.stdout).toBe('Pokey\n');
  });

  it('passes arguments without a shell, so nothing is injected', async () => {
    const r = await run([node, '-e', 'console.log(process.argv[1])', '$(echo hi); rm -rf /']);
    expect(r.stdout).toBe('$(echo hi); rm -rf /\n');
  });

  it('reports the signal that killed the child', async () => {
    const r = await run([node, '-e', 'process.kill(process.pid, "SIGTERM")']);
    expect(r).toMatchObject({ code: null, signal: 'SIGTERM' });
  });

  it('throws a ProcessError carrying stderr when check is set', async () => {
    const failing = run([node, '-e', 'console.error("boom"); process.exit(3)'], { check: true });
    await expect(failing).rejects.toBeInstanceOf(ProcessError);
    await expect(failing).rejects.toMatchObject({ code: 'ERR_SYS_PROCESS', result: { code: 3 } });
    await expect(failing).rejects.toThrow(/boom/);
  });

  it('rejects a command that does not exist', async () => {
    await expect(run(['/nonexistent/command'])).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
