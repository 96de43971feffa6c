import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { example, folder } from './_run.js';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const running: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts an example that runs alongside others, with its stdout read line by line. */
function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', tsx, main, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  running.push(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, lines, exit, next: async () => (await lines.next()).value as string };
}

describe('ipc examples', () => {
  it("pipe-anon: the parent reads the child's Spam lines from a pipe", async () => {
    const r = await example(['pipe-anon', '6']);
    expect(r.code).toBe(0);
    const got = r.stdout.trim().split('\n');
    expect(got).toHaveLength(6);
    got.forEach((line, i) => {
      expect(line).toMatch(new RegExp(`^Parent \\d+ got \\[Spam 00${i % 5}\\] at \\d+(\\.\\d+)?$`));
    });
  });

  it('ipc-crosslink: the parent writes to the child and reads its answers', async () => {
    const r = await example(['ipc-crosslink']);
    expect(r.stdout).toBe(
      'parent got: child got: Hello spam\nparent got: child got: Hello eggs\nparent got: child got: Hello ham\nparent exit\n',
    );
  });

  it('pipefifo: a -child writer and a reader meet at a named pipe', async () => {
    const fifo = join(folder(), 'pipefifo');
    const reader = start(['pipefifo', fifo]);
    const writer = await example(['pipefifo', '-child', fifo, '3']);
    expect(writer.code).toBe(0);
    const got = [await reader.next(), await reader.next(), await reader.next()];
    expect(got.map((l) => l.replace(/^Parent \d+ got "(.*)" at [\d.]+$/, '$1'))).toEqual([
      'Spam 000',
      'Spam 001',
      'Spam 002',
    ]);
    expect(await reader.exit).toBe(0);
  });

  it('socket_preview: five clients get their names back from the server', async () => {
    const r = await example(['socket_preview', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(
      [0, 1, 2, 3, 4].map((i) => `client got: [server got: [client${i}]]`),
    );
  });

  it('socket-preview-progs: a server program serves a client process and five clients', async () => {
    const server = start(['socket-preview-progs', '1', '0', '6']);
    const port = (await server.next()).replace('serving on port ', '');
    const one = await example(['socket-preview-progs', '2', port]);
    expect(one.stdout).toMatch(/^client got: \[server got: \[client:process=\d+\]\]\n$/);
    const five = await example(['socket-preview-progs', '3', port]);
    expect(five.stdout.trim().split('\n').sort()).toEqual(
      [0, 1, 2, 3, 4].map((i) => `client got: [server got: [client:thread=${i}]]`),
    );
    expect(await server.exit).toBe(0);
  });

  it('signal-catch: prints each signal sent with kill -N from a shell', async () => {
    const catcher = start(['signal-catch', '12', '2']);
    const pid = /^pid (\d+) waiting for signal 12/.exec(await catcher.next())?.[1];
    expect(pid).toBeDefined();
    for (let i = 0; i < 2; i++) {
      expect(spawnSync('sh', ['-c', `kill -12 ${pid}`]).status).toBe(0);
      expect(await catcher.next()).toMatch(/^Got signal 12 at /);
    }
    expect(await catcher.exit).toBe(0);
  });

  it('multi2: objects go both ways between parent and child over a Pipe', async () => {
    const r = await example(['multi2']);
    expect(r.stdout).toBe(
      "parent got: [ 'spam', 42, 'eggs' ]\nparent got: { name: 'Bob', spam: 42 }\ntalker got: Set(4) { 'ss', 'pp', 'aa', 'mm' }\nparent exit\n",
    );
  });

  it("py-interop: Node and Python's multiprocessing.connection exchange messages with an authkey", async () => {
    const r = await example(['py-interop']);
    expect(r.stdout).toBe(
      [
        "node got: { from: 'python', spam: [ 1, 2, 3 ] }",
        "python got: {'from': 'node', 'eggs': True}",
        "node got: { echo: [ 'ham', 4 ], by: 'python listener' }",
        'python listener exited with 0',
        '',
      ].join('\n'),
    );
  });
});
