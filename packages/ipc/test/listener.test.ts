import { spawn } from 'node:child_process';
import { existsSync, lstatSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '@sys/config/temp-dirs';
import { afterEach, describe, expect, it } from 'vitest';
import { AddressInUseError, AuthenticationError, ConnectError, Connection, connect, Listener } from '../dist/index.js';

const listeners: Listener[] = [];
const conns: Connection[] = [];
afterEach(async () => {
  await Promise.all(conns.splice(0).map((c) => c.close()));
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});
async function listen(...args: ConstructorParameters<typeof Listener>): Promise<Listener> {
  const listener = new Listener(...args);
  listeners.push(listener);
  return listener.ready();
}
function keep<T extends Connection>(conn: T): T {
  conns.push(conn);
  return conn;
}

describe('Listener and connect', () => {
  it('talks over a Unix socket whose file is mode 0600, removed at close', async () => {
    const path = join(tempDir('sys-ipc-l-'), 'sock');
    const listener = await listen(path, { authkey: 'secret' });
    expect(lstatSync(path).mode & 0o777).toBe(0o600);
    const [client, server] = await Promise.all([connect(path, { authkey: 'secret' }), listener.accept()]);
    keep(client);
    keep(server);
    await client.send({ hello: [1, 2n] });
    expect(await server.recv()).toEqual({ hello: [1, 2n] });
    await server.send('back');
    expect(await client.recv()).toBe('back');
    await listener.close();
    expect(existsSync(path)).toBe(false);
  });

  it('talks over TCP on a port chosen by the system', async () => {
    const listener = await listen({ host: '127.0.0.1', port: 0 });
    const address = listener.address as { port: number };
    expect(address.port).toBeGreaterThan(0);
    const [client, server] = await Promise.all([connect(address), listener.accept()]);
    keep(client);
    keep(server);
    await client.sendBytes(Buffer.from('ping'));
    expect(String(await server.recvBytes())).toBe('ping');
  });

  it('replaces a stale socket file and refuses a live one', async () => {
    const dir = tempDir('sys-ipc-l-');
    const path = join(dir, 'sock');
    // A socket file with no listener behind it: what a crashed server leaves.
    const crashed = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`,
    ]);
    await new Promise((resolve) => crashed.once('exit', resolve));
    expect(lstatSync(path).isSocket()).toBe(true);
    const first = await listen(path);
    await expect(listen(path)).rejects.toBeInstanceOf(AddressInUseError);
    const [client] = await Promise.all([connect(path), first.accept().then(keep)]);
    keep(client);
    const file = join(dir, 'plain');
    writeFileSync(file, 'not a socket');
    await expect(listen(file)).rejects.toThrow(/is not a socket/);
  });

  it('rejects a wrong authkey on both sides with AuthenticationError', async () => {
    const path = join(tempDir('sys-ipc-l-'), 'sock');
    const listener = await listen(path, { authkey: 'right' });
    const [client, server] = await Promise.allSettled([connect(path, { authkey: 'wrong' }), listener.accept()]);
    expect(client.status === 'rejected' && client.reason).toBeInstanceOf(AuthenticationError);
    expect(server.status === 'rejected' && server.reason).toMatchObject({ code: 'ERR_SYS_AUTH' });
  });

  it('keeps accepting others while a client connects and says nothing', async () => {
    const path = join(tempDir('sys-ipc-l-'), 'sock');
    const listener = await listen(path, { authkey: 'k', handshakeTimeout: 60_000 });
    const silent = createConnection(path);
    await new Promise((resolve) => silent.once('connect', resolve));
    const [client, server] = await Promise.all([connect(path, { authkey: 'k' }), listener.accept()]);
    keep(client);
    keep(server);
    await client.send('still served');
    expect(await server.recv()).toBe('still served');
    silent.destroy();
  });

  it('drops a client that does not finish the handshake in time', async () => {
    const path = join(tempDir('sys-ipc-l-'), 'sock');
    const listener = await listen(path, { authkey: 'k', handshakeTimeout: 200 });
    const silent = createConnection(path);
    await expect(listener.accept()).rejects.toThrow(/did not finish the handshake within 200 ms/);
    silent.destroy();
  });

  it('refuses a handshake answer of 1 MB after reading its header only', async () => {
    const path = join(tempDir('sys-ipc-l-'), 'sock');
    const listener = await listen(path, { authkey: 'k' });
    const socket = createConnection(path);
    const raw = keep(new Connection(socket));
    await raw.recvBytes(); // the challenge
    const big = Buffer.alloc(1 << 20, 0x41);
    void raw.sendBytes(big).catch(() => {});
    await expect(listener.accept()).rejects.toMatchObject({
      code: 'ERR_SYS_AUTH',
      cause: expect.objectContaining({ code: 'ERR_SYS_FRAME_TOO_LARGE' }),
    });
  });

  it('says so when nothing listens at the address', async () => {
    const path = join(tempDir('sys-ipc-l-'), 'none');
    await expect(connect(path)).rejects.toBeInstanceOf(ConnectError);
  });
});
