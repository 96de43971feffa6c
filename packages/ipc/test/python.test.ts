// Both handshakes proven on the wire against Python's own multiprocessing.connection.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, connect, Listener } from '../dist/index.js';

const PYENV = '/root/.pyenv/versions';
const pyenv = existsSync(PYENV) ? readdirSync(PYENV) : [];
/** A pyenv Python of this minor version, when the machine has one (others are skipped). */
const pyenvPython = (minor: string) => {
  const version = pyenv.find((v) => v.startsWith(`${minor}.`));
  return version === undefined ? undefined : `${PYENV}/${version}/bin/python`;
};
const pythons = [
  ['3.11 (python3)', 'python3'],
  ['3.12', pyenvPython('3.12')],
  ['3.13', pyenvPython('3.13')],
].filter((p): p is [string, string] => p[1] !== undefined);
const script = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.py`, import.meta.url));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function python(exe: string, name: string, args: string[]): { child: ChildProcess; lines: AsyncIterator<string> } {
  const child = spawn(exe, [script(name), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  return { child, lines };
}
const exitCode = (child: ChildProcess) =>
  child.exitCode ?? new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe.each(pythons)('Python %s multiprocessing.connection', (_version, exe) => {
  it('a Node client passes a Python Listener(authkey=...) handshake and exchanges bytes', async () => {
    const { child, lines } = python(exe, 'py_listener', ['s3cret']);
    const port = Number((await lines.next()).value);
    const conn = await connect({ host: '127.0.0.1', port }, { authkey: 's3cret' });
    await conn.sendBytes(Buffer.from('hello from node'));
    expect(String(await conn.recvBytes())).toBe('py:hello from node');
    const big = Buffer.alloc(100_000, 0x62);
    await conn.sendBytes(big);
    expect((await conn.recvBytes()).equals(Buffer.concat([Buffer.from('py:'), big]))).toBe(true);
    await conn.close();
    expect(await exitCode(child)).toBe(0);
  });

  it('a Python Client passes a Node Listener handshake and exchanges bytes', async () => {
    const listener = await Listener.listen({ host: '127.0.0.1', port: 0 }, { authkey: 'k3y' });
    const { port } = listener.address as { port: number };
    const { child, lines } = python(exe, 'py_client', [String(port), 'k3y']);
    const conn = await listener.accept();
    for (let i = 0; i < 2; i++) {
      const got = await conn.recvBytes();
      await conn.sendBytes(Buffer.concat([Buffer.from('node:'), got]));
    }
    expect((await lines.next()).value).toBe('22 node:hello from python');
    expect((await lines.next()).value).toBe(`70005 node:${'x'.repeat(35)}`);
    expect(await exitCode(child)).toBe(0);
    await conn.close();
    await listener.close();
  });

  it('a wrong authkey fails on both sides, Node client to Python listener', async () => {
    const { child, lines } = python(exe, 'py_listener', ['right']);
    const port = Number((await lines.next()).value);
    await expect(connect({ host: '127.0.0.1', port }, { authkey: 'wrong' })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect((await lines.next()).value).toMatch(/^auth-failed: digest received was wrong/);
    expect(await exitCode(child)).toBe(3);
  });

  it('a wrong authkey fails on both sides, Python client to Node listener', async () => {
    const listener = await Listener.listen({ host: '127.0.0.1', port: 0 }, { authkey: 'right' });
    const { port } = listener.address as { port: number };
    const { child, lines } = python(exe, 'py_client', [String(port), 'wrong']);
    await expect(listener.accept()).rejects.toThrow(/digest received was wrong/);
    expect((await lines.next()).value).toMatch(/^auth-failed: digest sent was rejected/);
    expect(await exitCode(child)).toBe(3);
    await listener.close();
  });
});
