import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { serialize } from 'node:v8';
import { tempDir } from '@sys/config/temp-dirs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Connection, connect, Listener } from '../dist/index.js';

// connect() reads its socket into one reused buffer (net's `onread`): every frame, part of a
// frame or decoded value kept after a read must be a copy, not a view the next read overwrites.
const open: (Connection | Listener)[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  for (const s of servers.splice(0)) s.close();
});

/** A plain socket server and our client: the server's writes are the exact bytes we choose. */
async function rawPeer(): Promise<[Connection, Socket]> {
  const path = join(tempDir('sys-ipc-r-'), 'raw');
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const [client, socket] = await Promise.all([
    connect(path),
    new Promise<Socket>((resolve) => server.once('connection', resolve)),
  ]);
  open.push(client);
  return [client, socket];
}

function framed(payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeInt32BE(payload.length);
  return Buffer.concat([header, payload]);
}

async function pair(): Promise<[Connection, Connection]> {
  const listener = await new Listener(join(tempDir('sys-ipc-r-'), 'sock')).ready();
  open.push(listener);
  const [client, server] = await Promise.all([connect(listener.address), listener.accept()]);
  open.push(client, server);
  return [client, server];
}

/** `size` bytes that say which frame they belong to. */
function pattern(i: number, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let k = 0; k < size; k++) bytes[k] = (i * 31 + k) & 0xff;
  return bytes;
}

describe('a connection that reads into a reused buffer', () => {
  it('keeps frames that arrived before recv, whole or split across reads, intact', async () => {
    const [client, server] = await pair();
    const sizes = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 0 ? 70_000 + i : i % 7 === 3 ? 40_000 + i : (i * 97) % 3000,
    );
    // ~4.9 MB: more than the client holds unread (1 MiB), so its reading also stops and resumes.
    const sent = sizes.map((size, i) => server.sendBytes(pattern(i, size)));
    sent.push(server.send('end'));
    // Much of it has been read before the first recv.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const [i, size] of sizes.entries()) expect((await client.recvBytes()).equals(pattern(i, size))).toBe(true);
    expect(await client.recv()).toBe('end');
    await Promise.all(sent);
  });

  it('keeps typed arrays of v8-encoded values intact', async () => {
    const [client, server] = await pair();
    for (let i = 0; i < 200; i++) await server.send({ i, bytes: new Uint8Array(pattern(i, 40)), when: new Date(i) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const values: { i: number; bytes: Uint8Array; when: Date }[] = [];
    for (let i = 0; i < 200; i++) values.push((await client.recv()) as (typeof values)[number]);
    for (const [i, v] of values.entries()) {
      expect(v.i).toBe(i);
      expect(Buffer.from(v.bytes).equals(pattern(i, 40))).toBe(true);
      expect(v.when.getTime()).toBe(i);
    }
  });

  it('keeps a frame that filled one read after the next read', async () => {
    const [client, socket] = await rawPeer();
    // Each write is one read of the client: the second lands where the first was.
    socket.write(framed(pattern(1, 40_000)));
    await sleep(50);
    socket.write(framed(pattern(2, 40_000)));
    await sleep(50);
    expect((await client.recvBytes()).equals(pattern(1, 40_000))).toBe(true);
    expect((await client.recvBytes()).equals(pattern(2, 40_000))).toBe(true);
    socket.destroy();
  });

  it('keeps the typed arrays of a value decoded for a waiting recv after the next read', async () => {
    const [client, socket] = await rawPeer();
    const first = client.recv();
    socket.write(framed(serialize({ bytes: new Uint8Array(pattern(1, 64)) })));
    const a = (await first) as { bytes: Uint8Array };
    const second = client.recv();
    socket.write(framed(serialize({ bytes: new Uint8Array(pattern(2, 64)) })));
    const b = (await second) as { bytes: Uint8Array };
    expect(Buffer.from(a.bytes).equals(pattern(1, 64))).toBe(true);
    expect(Buffer.from(b.bytes).equals(pattern(2, 64))).toBe(true);
    socket.destroy();
  });

  it('decodes values handed straight to a waiting recv, and sends back through the same socket', async () => {
    const [client, server] = await pair();
    for (let i = 0; i < 500; i++) {
      const got = client.recv();
      await server.send({ i, bytes: new Uint8Array(pattern(i, 8)) });
      const v = (await got) as { i: number; bytes: Uint8Array };
      expect(v.i).toBe(i);
      await client.send(v);
      const back = (await server.recv()) as { i: number; bytes: Uint8Array };
      expect(Buffer.from(back.bytes).equals(pattern(i, 8))).toBe(true);
    }
  });
});
