import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConnectionClosedError,
  crosslink,
  lines,
  NoPipeError,
  OneWayError,
  Pipe,
  type PipeChild,
  parentConnection,
} from '../dist/index.js';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const module = fileURLToPath(new URL('./fixtures/pipe-child.ts', import.meta.url));
const started: PipeChild[] = [];
afterEach(async () => {
  for (const { child, connection } of started.splice(0)) {
    child.kill('SIGKILL');
    await connection.close();
  }
});

function start(
  role: string,
  options: { duplex?: boolean; stdout?: 'pipe' | 'inherit'; env?: NodeJS.ProcessEnv; extendEnv?: boolean } = {},
): PipeChild {
  const pipe = Pipe({
    module,
    args: [role],
    execArgv: ['--import', tsx],
    duplex: options.duplex,
    env: options.env,
    extendEnv: options.extendEnv,
    stdio: ['ignore', options.stdout ?? 'pipe', 'inherit'],
  });
  started.push(pipe);
  return pipe;
}
const exit = (p: PipeChild) =>
  p.child.exitCode ?? new Promise<number | null>((resolve) => p.child.once('exit', (code) => resolve(code)));
const output = async (p: PipeChild) => {
  let text = '';
  for await (const chunk of p.child.stdout ?? []) text += chunk;
  return text;
};

describe('Pipe', () => {
  it("sends and receives both ways with a child on fd 3, leaving the child's stdout alone", async () => {
    const talker = start('talker');
    const printed = output(talker);
    expect(await talker.connection.recv()).toEqual({ name: 'Bob', spam: 42 });
    await talker.connection.send(new Set(['ss', 'pp', 'aa', 'mm']));
    // The child returns without closing its end: it still ends, as a Python Process does.
    expect(await exit(talker)).toBe(0);
    expect(await printed).toBe("talker got: Set(4) { 'ss', 'pp', 'aa', 'mm' }\n");
    await expect(talker.connection.recv()).rejects.toBeInstanceOf(ConnectionClosedError);
  });

  it('one way (duplex: false): the child only sends, the parent only receives', async () => {
    const sender = start('sender', { duplex: false });
    const printed = output(sender);
    await expect(sender.connection.send('no')).rejects.toBeInstanceOf(OneWayError);
    expect(await sender.connection.recv()).toEqual(['spam', 42, 'eggs']);
    expect(await exit(sender)).toBe(0);
    expect(await printed).toBe('recv refused: ERR_SYS_ONE_WAY\n');
  });

  it('ends the parent side cleanly when the child is killed', async () => {
    const hang = start('hang');
    for await (const line of lines(hang.child.stdout as Readable)) if (line === 'ready') break;
    hang.child.kill('SIGKILL');
    await expect(hang.connection.recv()).rejects.toBeInstanceOf(ConnectionClosedError);
  });

  it("merges env into this process's environment; extendEnv: false makes it the whole environment", async () => {
    const merged = start('env', { env: { SYS_TEST_X: 'spam' } });
    expect(await merged.connection.recv()).toEqual({ x: 'spam', hasPath: true });
    const whole = start('env', { env: { SYS_TEST_X: 'eggs' }, extendEnv: false });
    expect(await whole.connection.recv()).toEqual({ x: 'eggs', hasPath: false });
  });

  it('parentConnection() in a process Pipe did not start says so', () => {
    expect(() => parentConnection()).toThrow(NoPipeError);
  });
});

describe('raw pipes and cross-linked streams', () => {
  it('a child writes lines to the parent on an extra descriptor (openPipe)', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', tsx, module, 'spam'], {
      stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
    });
    const got: string[] = [];
    for await (const line of lines(child.stdio[3] as Readable)) got.push(line);
    expect(got).toEqual(['Spam 000', 'Spam 001', 'Spam 002']);
  });

  it("talks line by line to a child whose stdin and stdout are the parent's pipes", async () => {
    const linked = crosslink(process.execPath, [
      '-e',
      "require('readline').createInterface({ input: process.stdin }).on('line', (l) => console.log(l.toUpperCase()))",
    ]);
    const reply = linked.lines();
    await linked.writeLine('spam');
    expect((await reply.next()).value).toBe('SPAM');
    await linked.writeLine('eggs');
    expect((await reply.next()).value).toBe('EGGS');
    linked.toChild.end();
    expect((await reply.next()).done).toBe(true);
  });

  it('carries messages over cross-linked stdin and stdout', async () => {
    const linked = crosslink(process.execPath, ['--import', tsx, module, 'stdio-echo']);
    const conn = linked.connection();
    await conn.send(new Map([['k', 1n]]));
    expect(await conn.recv()).toEqual({ echo: new Map([['k', 1n]]) });
    await conn.close();
    await new Promise((resolve) => linked.child.once('exit', resolve));
  });
});
