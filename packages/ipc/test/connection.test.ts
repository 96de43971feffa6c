import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Connection,
  ConnectionClosedError,
  FrameError,
  FrameTooLargeError,
  Listener,
  TruncatedFrameError,
} from '../dist/index.js';
import { socketPair } from './_pair.js';

const open: Connection[] = [];
async function pair(options = {}): Promise<[Connection, Connection]> {
  const [a, b] = await socketPair();
  const ends: [Connection, Connection] = [new Connection(a, options), new Connection(b, options)];
  open.push(...ends);
  return ends;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

const structured = fc.anything({
  withMap: true,
  withSet: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: false,
  withBoxedValues: false,
  withObjectString: false,
});

describe('Connection', () => {
  it('sendBytes with a range outside the buffer rejects as send does, never throws', async () => {
    const [a] = await pair();
    let sent: Promise<void> | undefined;
    expect(() => {
      sent = a.sendBytes(Buffer.alloc(4), 2, 10);
    }).not.toThrow();
    await expect(sent).rejects.toMatchObject({ code: 'ERR_SYS_OPTION' });
    await expect(a.send(() => {})).rejects.toMatchObject({ code: 'ERR_SYS_OPTION' });
  });

  it('await using closes a connection and a listener', async () => {
    const [, b] = await pair();
    {
      await using conn = new Connection((await socketPair())[0]);
      expect(conn.closed).toBe(false);
      await using listener = await Listener.listen({ port: 0 });
      expect(typeof (listener.address as { port: number }).port).toBe('number');
      b.poll();
    }
  });

  it('carries structured values unchanged, JSON-shaped or not', async () => {
    const [a, b] = await pair();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), structured), async (value) => {
        await a.send(value);
        expect(await b.recv()).toStrictEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a Map', new Map([[1, { a: 2 }]])],
    ['a Set', new Set(['x', 3])],
    ['a Date', new Date(86_400_000)],
    ['a BigInt', 2n ** 70n],
    ['a typed array', new Float64Array([1.5, -0, Number.NaN])],
    ['undefined', undefined],
    ['an object with an undefined field', { a: undefined, b: 1 }],
    ['-0', -0],
    ['NaN', Number.NaN],
    [
      'a cycle',
      (() => {
        const o: { self?: unknown } = {};
        o.self = o;
        return o;
      })(),
    ],
  ])('carries %s', async (_name, value) => {
    const [a, b] = await pair();
    await a.send(value);
    expect(await b.recv()).toStrictEqual(value);
  });

  it('keeps the order of many small messages sent in one turn', async () => {
    const [a, b] = await pair();
    for (let i = 0; i < 5000; i++) void a.send({ i });
    for (let i = 0; i < 5000; i++) expect(await b.recv()).toEqual({ i });
  });

  it('writes the first frame of a turn at once and batches the rest of the turn into one write', async () => {
    const [a, b] = await socketPair();
    const sender = new Connection(a);
    const receiver = new Connection(b);
    open.push(sender, receiver);
    let writes = 0;
    const write = a.write.bind(a) as (...args: unknown[]) => boolean;
    a.write = ((...args: unknown[]) => {
      writes++;
      return write(...args);
    }) as typeof a.write;
    void sender.send({ request: 0 });
    expect(writes).toBe(1); // a lone request waits for nothing
    for (let i = 1; i < 1000; i++) void sender.send({ request: i });
    expect(writes).toBe(1);
    for (let i = 0; i < 1000; i++) expect(await receiver.recv()).toEqual({ request: i });
    expect(writes).toBeLessThanOrEqual(3);
  });

  it('sends and receives raw bytes, including an empty frame and a slice', async () => {
    const [a, b] = await pair();
    await a.sendBytes(Buffer.from('hello'));
    await a.sendBytes(new Uint8Array(0));
    await a.sendBytes(Buffer.from('0123456789'), 2, 3);
    await a.sendBytes(Buffer.alloc(100_000, 7));
    expect((await b.recvBytes()).toString()).toBe('hello');
    expect((await b.recvBytes()).length).toBe(0);
    expect((await b.recvBytes()).toString()).toBe('234');
    expect((await b.recvBytes()).equals(Buffer.alloc(100_000, 7))).toBe(true);
  });

  it('iterates values until the peer closes, then recv says the connection is closed', async () => {
    const [a, b] = await pair();
    await a.send('one');
    await a.send(['two']);
    await a.close();
    const got: unknown[] = [];
    for await (const value of b) got.push(value);
    expect(got).toEqual(['one', ['two']]);
    await expect(b.recv()).rejects.toBeInstanceOf(ConnectionClosedError);
  });

  it('refuses to send on a closed connection', async () => {
    const [a] = await pair();
    await a.close();
    await expect(a.send(1)).rejects.toMatchObject({ code: 'ERR_SYS_CONNECTION_CLOSED' });
  });

  it('rejects a frame over maxFrameSize without reading it', async () => {
    const [a, b] = await pair({ maxFrameSize: 1000 });
    await a.sendBytes(Buffer.alloc(1001));
    await expect(b.recvBytes()).rejects.toBeInstanceOf(FrameTooLargeError);
  });

  it.each([
    ['4 GiB (long form)', 'ffffffff0000000100000000'],
    ['-1 then 2^63', 'ffffffff8000000000000000'],
    ['2 GiB - 1 (short form)', '7fffffff'],
  ])('a peer announcing %s gets FrameTooLargeError and the connection ends', async (_name, hex) => {
    const [raw, other] = await socketPair();
    const conn = new Connection(other);
    open.push(conn);
    raw.write(Buffer.from(hex, 'hex'));
    await expect(conn.recvBytes()).rejects.toBeInstanceOf(FrameTooLargeError);
    await expect(conn.recv()).rejects.toBeInstanceOf(FrameTooLargeError);
    await new Promise((resolve) => raw.once('close', resolve));
  });

  it('says a payload that is neither JSON nor v8 data is a bad frame', async () => {
    const [a, b] = await pair();
    await a.sendBytes(Buffer.from('{not json'));
    await expect(b.recv()).rejects.toBeInstanceOf(FrameError);
  });

  it('decodes JSON text from any peer', async () => {
    const [a, b] = await pair();
    await a.sendBytes(Buffer.from('{"from": "python", "n": [1, 2]}'));
    expect(await b.recv()).toEqual({ from: 'python', n: [1, 2] });
  });

  it('ends every wait with a clear error on garbage bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (garbage) => {
        const [raw, other] = await socketPair();
        const conn = new Connection(other, { maxFrameSize: 1 << 16 });
        raw.end(garbage);
        // At most one frame per 4 bytes, then the same final error on every call.
        let last: unknown;
        for (let i = 0; i <= garbage.length / 4 + 1; i++) {
          const result = await conn.recv().then(
            () => null,
            (error: unknown) => error,
          );
          if (result === null) continue;
          expect((result as { code: string }).code).toMatch(/^ERR_SYS_/);
          if (result === last) break;
          last = result;
        }
        await expect(conn.recv()).rejects.toBe(last);
        await conn.close();
        raw.destroy();
      }),
      { numRuns: 40 },
    );
  });

  it('reports a truncated frame when the stream ends inside it', async () => {
    const [raw, other] = await socketPair();
    const conn = new Connection(other);
    open.push(conn);
    raw.end(Buffer.concat([Buffer.from('00000064', 'hex'), Buffer.alloc(50)]));
    await expect(conn.recvBytes()).rejects.toBeInstanceOf(TruncatedFrameError);
  });

  it('reports a truncated frame when the peer process dies mid-frame', async () => {
    const code = `process.stdout.write(Buffer.from('00010000' + 'ab'.repeat(300), 'hex'), () => process.kill(process.pid, 'SIGKILL'));`;
    const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = new Connection({ readable: child.stdout, writable: child.stdin });
    open.push(conn);
    await expect(conn.recvBytes()).rejects.toMatchObject({ code: 'ERR_SYS_TRUNCATED_FRAME', received: 304 });
  });
});
