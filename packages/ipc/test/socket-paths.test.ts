import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { tempDir } from '@sys/config/temp-dirs';
import { afterEach, describe, expect, it } from 'vitest';
import { AddressInUseError, type Connection, connect, Listener, lines } from '../dist/index.js';
import { exited, fixture, killChildren } from './_child.js';

const closing: { close(): Promise<void> }[] = [];
const wrapped: ChildProcess[] = [];
afterEach(async () => {
  killChildren();
  // Started through bash (for ulimit), which execs node: the same pid, ours to end.
  for (const child of wrapped.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(closing.splice(0).map((c) => c.close()));
});

/** A folder whose path is `length` bytes long (made of nested folders of at most 50 bytes). */
function folderOfLength(length: number): string {
  let dir = tempDir('sys-ipc-long-');
  while (dir.length < length) {
    const part = 'd'.repeat(Math.min(50, length - dir.length - 1) || 1);
    dir = join(dir, part);
    mkdirSync(dir);
  }
  return dir;
}

async function output(args: string[]): Promise<[string, number | string]> {
  const child = fixture('listen-anywhere', args, ['ignore', 'pipe', 'inherit']);
  let out = '';
  child.stdout?.on('data', (chunk) => (out += chunk));
  const code = await exited(child);
  return [out, code];
}

describe('Unix socket paths', () => {
  it('never replaces a file or a symlink at the path: AddressInUseError, the file untouched', async () => {
    const dir = tempDir('sys-ipc-path-');
    const file = join(dir, 'file');
    writeFileSync(file, 'precious');
    await expect(Listener.listen(file)).rejects.toBeInstanceOf(AddressInUseError);
    expect(readFileSync(file, 'utf8')).toBe('precious');
    const link = join(dir, 'link');
    symlinkSync('/nowhere', link);
    await expect(Listener.listen(link)).rejects.toMatchObject({ code: 'ERR_SYS_ADDRESS_IN_USE' });
    expect(readlinkSync(link)).toBe('/nowhere');
  });

  it('does not replace a file that appears at the path while listen() runs', async () => {
    for (let i = 0; i < 10; i++) {
      const path = join(tempDir('sys-ipc-path-'), 's');
      const listening = Listener.listen(path);
      writeFileSync(path, 'came first');
      await expect(listening).rejects.toBeInstanceOf(AddressInUseError);
      expect(readFileSync(path, 'utf8')).toBe('came first');
    }
  });

  it('binds near the length limit as 0600 without touching the umask, on the main thread and in a worker', async () => {
    // The private folder beside this path would be too long for sun_path: the fallback runs.
    const path = join(folderOfLength(92), 's.sock');
    expect(Buffer.byteLength(path)).toBeLessThanOrEqual(107);
    const umask = process.umask();
    const listening = Listener.listen(path);
    const other = join(tempDir('sys-ipc-path-'), 'made-meanwhile');
    await new Promise((resolve) => setImmediate(resolve));
    mkdirSync(other);
    closing.push(await listening);
    expect(statSync(other).mode & 0o777).toBe(0o777 & ~umask);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const [out, code] = await output([join(folderOfLength(92), 'w.sock'), 'worker']);
    expect(out).toBe('600 through the socket removed\n');
    expect(code).toBe(0);
  });

  it('works at a path longer than sun_path holds, and leaves nothing open', async () => {
    const path = join(folderOfLength(150), 'long.sock');
    expect(Buffer.byteLength(path)).toBeGreaterThan(107);
    const [out, code] = await output([path]);
    expect(out).toBe('600 through the socket removed\n');
    expect(code).toBe(0);
  });

  it('a name too long even for the fallback fails with a SysError naming the limit, leaving nothing behind', async () => {
    const dir = folderOfLength(120);
    const path = join(dir, 'n'.repeat(100));
    const error = await Listener.listen(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_SYS_SOCKET_PATH_TOO_LONG', path });
    expect(String(error)).toMatch(/at most 107 bytes/);
    expect(readdirSync(dir)).toEqual([]);
    await expect(connect(path)).rejects.toMatchObject({ code: 'ERR_SYS_SOCKET_PATH_TOO_LONG' });
  });
});

describe('many clients', () => {
  it('200 concurrent connect()s to a Unix listener all get through (a full backlog is retried)', async () => {
    const path = join(tempDir('sys-ipc-many-'), 's');
    const listener = await Listener.listen(path);
    closing.push(listener);
    const accepted: Connection[] = [];
    void (async () => {
      for (;;) accepted.push(await listener.accept());
    })().catch(() => {});
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => connect(path)));
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    for (const r of results) if (r.status === 'fulfilled') closing.push(r.value);
    closing.push(...accepted);
  }, 30_000);

  it('clients that connect and say nothing cannot lock a good client out of the handshake', async () => {
    const path = join(tempDir('sys-ipc-many-'), 's');
    // The listener runs with 128 descriptors, fewer than the silent clients.
    const child = spawn(
      'bash',
      ['-c', `ulimit -n 128 && exec "$@"`, 'bash', ...fixtureCommand('handshake-listener', [path])],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    wrapped.push(child);
    const out = lines(child.stdout as Readable);
    expect((await out.next()).value).toBe('listening');
    const silent: Socket[] = [];
    for (let i = 0; i < 300; i++) {
      const s = createConnection(path);
      s.on('error', () => {});
      silent.push(s);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    const good = await connect(path, { authkey: 'k3y' });
    await good.send('hello');
    expect(await good.recv()).toEqual({ echo: 'hello' });
    // The silent ones are dropped only after handshakeTimeout (10 s): the good one got in long before.
    expect(performance.now() - started).toBeLessThan(5000);
    await good.close();
    for (const s of silent) s.destroy();
    child.kill('SIGKILL');
    await exited(child);
  }, 30_000);
});

/** The argv that runs a fixture (as fixture() would), for a command that needs a wrapper. */
function fixtureCommand(name: string, args: string[]): string[] {
  const tsx = import.meta.resolve('tsx');
  return [process.execPath, '--import', tsx, new URL(`./fixtures/${name}.ts`, import.meta.url).pathname, ...args];
}
