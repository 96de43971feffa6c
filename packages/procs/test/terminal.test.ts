import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const fixture = fileURLToPath(new URL('./fixtures/foreground.ts', import.meta.url));

describe('on a terminal', () => {
  it('Ctrl-C reaches a child started with the defaults (it stays a foreground job)', async () => {
    // `script` gives the parent a real pseudo-terminal; ^C typed into it is the terminal's SIGINT.
    const line = `'${process.execPath}' --import '${tsx}' '${fixture}'`;
    const term = spawn('script', ['-qfec', line, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
    // Closing the terminal hangs up the parent, which then ends its child: nothing is left.
    onTestFinished(() => {
      term.kill();
    });
    let seen = '';
    const ended = new Promise<string>((resolve) => {
      term.stdout.setEncoding('utf8').on('data', (text: string) => {
        seen += text;
        if (/child \d+/.test(seen) && !seen.includes('^C')) term.stdin.write('\x03');
        const m = /ended by (\w+)/.exec(seen);
        if (m) resolve(m[1] as string);
      });
    });
    expect(await ended).toBe('SIGINT');
  });
});
