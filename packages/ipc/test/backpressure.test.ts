import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from '@sys/config/temp-dirs';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from '../dist/index.js';
import { exited, fixture, killChildren } from './_child.js';

afterEach(killChildren);

describe('backpressure', () => {
  it("keeps a sender's memory bounded while 1 GiB goes to a slow reader", async () => {
    const MIB = 1024;
    const path = join(tempDir('sys-ipc-bp-'), 'sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const child = fixture('bulk-sender', [path, String(MIB)]);
    const conn = new Connection(await accepted);
    server.close();
    let bytes = 0;
    for (let i = 0; i < MIB; i++) {
      const frame = await conn.recvBytes();
      expect(frame[frame.length - 1]).toBe(i & 0xff);
      bytes += frame.length;
      // The reader is slower than the sender: it stops every 16 MiB.
      if (i % 16 === 0) await sleep(5);
    }
    const { base, peak } = (await conn.recv()) as { base: number; peak: number };
    expect(bytes).toBe(MIB << 20);
    // Unbounded buffering would hold hundreds of MiB here; the socket's buffers and one
    // frame in flight are all a bounded sender keeps.
    expect((peak - base) / 2 ** 20).toBeLessThan(96);
    expect(await exited(child)).toBe(0);
    await conn.close();
  });
});
