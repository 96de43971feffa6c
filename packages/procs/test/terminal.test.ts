import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { eventually, marked } from './_proc.js';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/**
 * Runs a program on a real pseudo-terminal (`script`), types `keys` once `ready` matches what
 * it printed, and resolves with everything printed once `done` matches or the program ends.
 */
function onTerminal(args: string[], done: RegExp, ready?: RegExp, keys = '\x03'): Promise<string> {
  const line = [process.execPath, '--import', tsx, ...args].map((a) => `'${a}'`).join(' ');
  const term = spawn('script', ['-qfec', line, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  // Closing the terminal hangs up the program, which then ends its child: nothing is left.
  onTestFinished(() => {
    term.kill();
  });
  let seen = '';
  let typing: NodeJS.Timeout | undefined;
  onTestFinished(() => clearInterval(typing));
  return new Promise<string>((resolve) => {
    term.stdout.setEncoding('utf8').on('data', (text: string) => {
      seen += text;
      if (ready && !typing && ready.test(seen)) {
        term.stdin.write(keys);
        // Typed again every 3 s while nothing happens, as a user would: on a heavily loaded
        // machine the first ^C was echoed by the terminal and yet reached neither sh nor
        // sleep (both alive in the foreground group after) in 2 runs of about 8. Not
        // understood yet; what is tested is what Ctrl-C does once it arrives.
        typing = setInterval(() => term.stdin.write(keys), 3000);
      }
      if (done.test(seen)) {
        clearInterval(typing);
        resolve(seen);
      }
    });
    // A program that ended before printing `done` fails the test with what it printed, not by a timeout.
    term.once('exit', () => {
      clearInterval(typing);
      resolve(seen);
    });
  });
}

describe('on a terminal', () => {
  it('Ctrl-C reaches a child started with the defaults (it stays a foreground job)', async () => {
    const seen = await onTerminal([fixture('foreground.ts')], /ended by \w+/, /child \d+/);
    expect(/ended by (\w+)/.exec(seen)?.[1]).toBe('SIGINT');
  });

  it('run() with a timeout settles and ends the tree, though the child is in our group', async () => {
    const seen = await onTerminal([fixture('on-terminal.ts'), 'timeout'], /settled .*ms/);
    const [, code, ms] = /settled (\S+) after (\d+) ms/.exec(seen) ?? [];
    expect(code).toBe('ERR_SYS_PROCESS_TIMEOUT');
    expect(Number(ms)).toBeLessThan(10_000);
    expect(await eventually(() => marked('sleep 4701.5').length === 0)).toBe(true);
  });

  it('system() lets Ctrl-C end the command, not the caller, which gets the status (os.system)', async () => {
    const seen = await onTerminal([fixture('on-terminal.ts'), 'system'], /carried on/, /command \d+/);
    expect(seen).toMatch(/status 130/);
    expect(await eventually(() => marked('sleep 4702.5').length === 0)).toBe(true);
  });
});
