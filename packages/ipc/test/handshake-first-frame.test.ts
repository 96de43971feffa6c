// A client's first message may arrive in the same read as the end of its handshake: the
// handshake's 256-byte bound must not apply to it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@sys/config/temp-dirs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Connection, connect, Listener } from '../dist/index.js';
import { exited } from './_child.js';

const PYENV = '/root/.pyenv/versions';
const pyenv = existsSync(PYENV) ? readdirSync(PYENV) : [];
/** CPython 3.11 (python3) and, where the machine has them, pyenv's 3.12 and 3.13. */
const pythons = [
  ['3.11', 'python3'],
  ...['3.12', '3.13'].flatMap((minor) => {
    const version = pyenv.find((v) => v.startsWith(`${minor}.`));
    return version === undefined ? [] : [[minor, `${PYENV}/${version}/bin/python`]];
  }),
];
const eager = fileURLToPath(new URL('./fixtures/py_eager_clients.py', import.meta.url));
const listeners: Listener[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

/** A listener that echoes every frame of every client back to it. */
async function echoing(address: string | { port: number }): Promise<Listener> {
  const listener = await Listener.listen(address, { authkey: 'k3y' });
  listeners.push(listener);
  void (async () => {
    for (;;) {
      let conn: Connection;
      try {
        conn = await listener.accept();
      } catch {
        return;
      }
      void (async () => {
        try {
          for (;;) await conn.sendBytes(await conn.recvBytes());
        } catch {
          await conn.close();
        }
      })();
    }
  })();
  return listener;
}

describe('an authenticated client whose first message is over 256 bytes', () => {
  it('gets through from Node clients that send 1,000 bytes at once', async () => {
    const path = join(tempDir('sys-ipc-hs-'), 's');
    await echoing(path);
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const conn = await connect(path, { authkey: 'k3y' });
        const message = Buffer.alloc(1000, i);
        await conn.sendBytes(message);
        const echo = await conn.recvBytes();
        await conn.close();
        return echo.equals(message);
      }),
    );
    expect(results.filter(Boolean)).toHaveLength(40);
  });

  it.each(
    pythons.flatMap(([version, exe]) => [
      [version, 'unix', exe],
      [version, 'tcp', exe],
    ]),
  )(
    'gets through from CPython %s clients that send 1,000 bytes at once (%s)',
    async (_version, kind, exe) => {
      const listener = await echoing(kind === 'unix' ? join(tempDir('sys-ipc-hs-'), 's') : { port: 0 });
      const where = typeof listener.address === 'string' ? listener.address : String(listener.address.port);
      const child = spawn(exe as string, [eager, '20', where, 'k3y', '1000'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      expect(await exited(child)).toBe(0);
      expect(out).toBe('20\n');
    },
    20_000,
  );
});
