import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('startWorker', () => {
  it('starts a worker from a `node --input-type=module -e` script, with the parent flags a worker accepts', async () => {
    const core = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const worker =
      'import { parentPort } from "node:worker_threads"; parentPort.postMessage(process.execArgv.join(" "));';
    const script = `
      const { startWorker } = await import(${JSON.stringify(core)});
      const w = startWorker(new URL('data:text/javascript,' + encodeURIComponent(${JSON.stringify(worker)})));
      w.on('message', (flags) => { console.log('worker flags: ' + flags); w.terminate(); });`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '--no-warnings', '-e', script],
        { timeout: 20_000 },
        (error, stdout, stderr) => (error ? reject(new Error(stderr || String(error))) : resolve(stdout)),
      ),
    );
    // (A `-e` script's execArgv also holds `-e` and its text, which a worker accepts.)
    expect(out).toMatch(/^worker flags: --no-warnings/);
    expect(out).not.toContain('--input-type');
  });
});
