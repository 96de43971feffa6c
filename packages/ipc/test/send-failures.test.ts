import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { duplexPair } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Address, Connection, ConnectionClosedError, Listener, lines, Pipe } from '../dist/index.js';
import { exited, fixture, killChildren } from './_child.js';

const pyClient = fileURLToPath(new URL('./fixtures/py_hang_client.py', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  killChildren();
  await Promise.all(closing.splice(0).map((c) => c.close()));
});

/** What `promise` settled to within `ms`: 'resolved', the rejection, or 'pending'. */
async function within(promise: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([
    promise.then(
      () => 'resolved',
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(resolve, ms, 'pending')),
  ]);
}

async function ready(child: ChildProcess): Promise<void> {
  for await (const line of lines(child.stdout as Readable)) if (line === 'ready') return;
}

/** A connection accepted from a child that connected to `address` and now hangs. */
async function acceptedFromChild(address: Address): Promise<{ conn: Connection; child: ChildProcess }> {
  const listener = await Listener.listen(address);
  closing.push(listener);
  const where = typeof listener.address === 'string' ? listener.address : String(listener.address.port);
  const child = fixture('peer-hang', [where], ['ignore', 'pipe', 'inherit']);
  const conn = await listener.accept();
  closing.push(conn);
  await ready(child);
  return { conn, child };
}

describe('sending to a peer that is gone', () => {
  it.each([
    ['a Unix socket', () => join(tempDir('sys-ipc-sf-'), 's')],
    ['TCP', () => ({ host: '127.0.0.1', port: 0 })],
  ])(
    'over %s, send and sendBytes reject with ConnectionClosedError once the peer was SIGKILLed',
    async (_name, address) => {
      const { conn, child } = await acceptedFromChild(address());
      await conn.send('before');
      child.kill('SIGKILL');
      await exited(child);
      await expect(conn.recv()).rejects.toBeInstanceOf(ConnectionClosedError);
      // Once the socket has closed too, not only in the moment the end was read.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await within(conn.send({ after: 1 }), 2000)).toBeInstanceOf(ConnectionClosedError);
      expect(await within(conn.sendBytes(Buffer.from('after')), 2000)).toBeInstanceOf(ConnectionClosedError);
    },
    20_000,
  );

  it.each([
    ['a Unix socket', () => join(tempDir('sys-ipc-sf-'), 's')],
    ['TCP', () => ({ host: '127.0.0.1', port: 0 })],
  ])(
    'over %s to a CPython client, send rejects once the client was SIGKILLed',
    async (_name, address) => {
      const listener = await Listener.listen(address());
      closing.push(listener);
      const where = typeof listener.address === 'string' ? listener.address : String(listener.address.port);
      const child = spawn('python3', [pyClient, where], { stdio: ['ignore', 'pipe', 'inherit'] });
      const conn = await listener.accept();
      closing.push(conn);
      await ready(child);
      await conn.sendBytes(Buffer.from('before'));
      child.kill('SIGKILL');
      await exited(child);
      await expect(conn.recvBytes()).rejects.toBeInstanceOf(ConnectionClosedError);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await within(conn.sendBytes(Buffer.from('after')), 2000)).toBeInstanceOf(ConnectionClosedError);
      expect(await within(conn.send(['after']), 2000)).toBeInstanceOf(ConnectionClosedError);
    },
    20_000,
  );

  it('over Pipe(), send rejects once the child was SIGKILLed', async () => {
    const module = fileURLToPath(new URL('./fixtures/pipe-child.ts', import.meta.url));
    const { child, connection } = Pipe({
      module,
      args: ['hang'],
      execArgv: ['--import', tsx],
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    closing.push(connection);
    await ready(child);
    child.kill('SIGKILL');
    await exited(child);
    await expect(connection.recv()).rejects.toBeInstanceOf(ConnectionClosedError);
    expect(await within(connection.send('after'), 2000)).toBeInstanceOf(ConnectionClosedError);
    expect(await within(connection.sendBytes(new Uint8Array(3)), 2000)).toBeInstanceOf(ConnectionClosedError);
  }, 20_000);

  it('a send waiting for room rejects when the reader dies, not resolves as if delivered', async () => {
    const { conn, child } = await acceptedFromChild(join(tempDir('sys-ipc-sf-'), 's'));
    // The child never reads: fill the socket until a send has to wait.
    let pending: Promise<void> | undefined;
    for (let i = 0; i < 1000 && !pending; i++) {
      const sent = conn.sendBytes(Buffer.alloc(256 * 1024));
      if ((await within(sent, 50)) === 'pending') pending = sent;
    }
    expect(pending).toBeDefined();
    child.kill('SIGKILL');
    expect(await within(pending as Promise<void>, 5000)).toBeInstanceOf(ConnectionClosedError);
  }, 30_000);

  it("in a duplexPair, a frame over the reader's limit rejects the sender instead of leaving it pending", async () => {
    const [left, right] = duplexPair();
    const sender = new Connection(left);
    const reader = new Connection(right, { maxFrameSize: 1000 });
    const sent = sender.sendBytes(Buffer.alloc(100_000));
    await expect(reader.recv()).rejects.toMatchObject({ code: 'ERR_SYS_FRAME_TOO_LARGE' });
    expect(await within(sent, 2000)).toBeInstanceOf(ConnectionClosedError);
    await sender.close();
    await reader.close();
  });
});
