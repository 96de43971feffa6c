import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeError,
  Empty,
  type EncodedError,
  encodeError,
  isSysError,
  OptionError,
  registerErrorClass,
  SysError,
} from '../dist/index.js';

class WidgetError extends SysError {
  constructor(
    readonly widget: string,
    options: { cause?: unknown; path?: string } = {},
  ) {
    super('ERR_SYS_WIDGET', `the widget ${widget} broke`, options);
  }
}
registerErrorClass('ERR_SYS_WIDGET', WidgetError);

/** Encodes in a real worker thread, so the data crosses by structured clone, and decodes here. */
async function crossThread(source: string): Promise<unknown> {
  const codec = new URL('../dist/error-codec.js', import.meta.url).href;
  const worker = new Worker(
    `import { parentPort } from 'node:worker_threads';
     const { encodeError } = await import(${JSON.stringify(codec)});
     let thrown; try { ${source} } catch (e) { thrown = e; }
     parentPort.postMessage(encodeError(thrown));`,
    { eval: true, type: 'module' } as never,
  );
  const data = await new Promise<EncodedError>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return decodeError(data);
}

const roundTrip = (value: unknown) => decodeError(structuredClone(encodeError(value)));

describe('error codec', () => {
  it.each([
    ['TypeError', TypeError],
    ['RangeError', RangeError],
    ['SyntaxError', SyntaxError],
    ['ReferenceError', ReferenceError],
    ['URIError', URIError],
  ])('brings a %s back as its class', (_name, Class) => {
    const error = roundTrip(new Class('bad')) as Error;
    expect(error).toBeInstanceOf(Class);
    expect(error.message).toBe('bad');
  });

  it('brings a subclass of a built-in back as that built-in, keeping its own name', () => {
    class BadInput extends TypeError {
      override name = 'BadInput';
    }
    const back = roundTrip(new BadInput('no')) as Error;
    expect(back).toBeInstanceOf(TypeError);
    expect(back.name).toBe('BadInput');
  });

  it('brings DOMException names back as DOMExceptions (DataCloneError, AbortError)', () => {
    let clone: unknown;
    try {
      structuredClone(() => {});
    } catch (e) {
      clone = e;
    }
    const back = roundTrip(clone) as DOMException;
    expect(back).toBeInstanceOf(DOMException);
    expect(back.name).toBe('DataCloneError');
    const abort = roundTrip(AbortSignal.abort().reason) as DOMException;
    expect(abort).toBeInstanceOf(DOMException);
    expect(abort.name).toBe('AbortError');
  });

  it('keeps code, errno, syscall, path and the cause chain of an errno error', () => {
    const errno = Object.assign(new Error("ENOENT: no such file or directory, open '/nope'"), {
      code: 'ENOENT',
      errno: -2,
      syscall: 'open',
      path: '/nope',
    });
    const outer = new Error('load failed', { cause: new TypeError('wrapped', { cause: errno }) });
    const back = roundTrip(outer) as Error & { cause: Error & { cause: NodeJS.ErrnoException } };
    expect(back.message).toBe('load failed');
    expect(back.cause).toBeInstanceOf(TypeError);
    expect(back.cause.cause).toMatchObject({ code: 'ENOENT', errno: -2, syscall: 'open', path: '/nope' });
    expect(back.stack).toBe(outer.stack);
  });

  it('rebuilds a registered SysError subclass by its code, with its fields, and an unknown code as SysError', () => {
    const back = roundTrip(new WidgetError('w1', { path: '/x', cause: new Error('under') })) as WidgetError;
    expect(back).toBeInstanceOf(WidgetError);
    expect(isSysError(back)).toBe(true);
    expect(back).toMatchObject({ code: 'ERR_SYS_WIDGET', widget: 'w1', path: '/x', message: 'the widget w1 broke' });
    expect(back.name).toBe('WidgetError');
    expect((back.cause as Error).message).toBe('under');
    expect(Object.keys(back)).not.toContain('name');
    expect(roundTrip(new Empty())).toBeInstanceOf(Empty);
    expect(roundTrip(new OptionError('x', 'bad'))).toMatchObject({ option: 'x', message: 'x: bad' });
    const other = roundTrip(new SysError('ERR_SYS_SOMETHING_ELSE', 'z'));
    expect(other).toBeInstanceOf(SysError);
    expect(isSysError(other)).toBe(true);
  });

  it('keeps a thrown value that is not an error as it was', () => {
    expect(roundTrip({ reason: 'nope', n: 3 })).toEqual({ reason: 'nope', n: 3 });
    expect(roundTrip('a string')).toBe('a string');
    expect(roundTrip(undefined)).toBe(undefined);
    expect(roundTrip(42)).toBe(42);
  });

  it('turns parts that cannot be cloned into text instead of failing', () => {
    const error = Object.assign(new Error('x'), { handler: () => 1, sym: Symbol('s') });
    const back = roundTrip(error) as Record<string, unknown>;
    expect(typeof back.handler).toBe('string');
    expect(back.sym).toBe('Symbol(s)');
    expect(roundTrip(() => 1)).toBe('() => 1');
  });

  it('keeps an AggregateError and its errors', () => {
    const back = roundTrip(new AggregateError([new RangeError('r'), 'v'], 'many')) as AggregateError;
    expect(back).toBeInstanceOf(AggregateError);
    expect(back.errors[0]).toBeInstanceOf(RangeError);
    expect(back.errors[1]).toBe('v');
  });

  it('bounds a cause chain, even a circular one', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    let depth = 0;
    for (let e = roundTrip(a) as { cause?: unknown } | undefined; e; e = e.cause as never) depth++;
    expect(depth).toBe(9);
  });

  it('round-trips any error built of arbitrary messages and data', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.dictionary(
          fc.string().filter((k) => k !== 'cause' && k !== 'errors' && k !== '__proto__'),
          fc.jsonValue(),
        ),
        (message, data) => {
          const error = Object.assign(new RangeError(message), data);
          const back = roundTrip(error) as RangeError;
          expect(back).toBeInstanceOf(RangeError);
          expect(back.message).toBe(message);
          for (const [k, v] of Object.entries(data)) expect((back as unknown as Record<string, unknown>)[k]).toEqual(v);
        },
      ),
    );
  });

  it('carries an error out of a real worker thread with its class and cause', async () => {
    const back = (await crossThread(
      `throw new TypeError('in the worker', { cause: Object.assign(new Error('deeper'), { code: 'EACCES' }) });`,
    )) as TypeError;
    expect(back).toBeInstanceOf(TypeError);
    expect(back.message).toBe('in the worker');
    expect(back.cause).toMatchObject({ message: 'deeper', code: 'EACCES' });
  });
});

describe('error codec, on hostile errors', () => {
  it('encodes an error whose getters throw instead of throwing itself', () => {
    const error = new TypeError('outer');
    Object.defineProperty(error, 'bad', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    Object.defineProperty(error, 'stack', {
      get() {
        throw new Error('stack getter');
      },
    });
    Object.defineProperty(error, 'cause', {
      get() {
        throw new Error('cause getter');
      },
    });
    (error as { good?: number }).good = 1;
    const back = roundTrip(error) as TypeError & { good: number };
    expect(back).toBeInstanceOf(TypeError);
    expect(back.message).toBe('outer');
    expect(back.good).toBe(1);
    const nameless = new Error('x');
    Object.defineProperty(nameless, 'name', {
      get() {
        throw new Error('name getter');
      },
    });
    expect((roundTrip(nameless) as Error).message).toBe('x');
  });

  it('encodes an error whose message is not text, or cannot become text', () => {
    const symbol = Object.assign(new Error(), { message: Symbol('s') });
    expect((roundTrip(symbol) as Error).message).toBe('Symbol(s)');
    const bare = Object.assign(new Error(), { message: Object.create(null) });
    expect(encodeError(bare)).toMatchObject({ kind: 'error', message: '[object Object]' });
    expect(roundTrip(bare)).toBeInstanceOf(Error);
    const thrower = new Error();
    Object.defineProperty(thrower, 'message', {
      get() {
        throw new Error('message getter');
      },
    });
    expect(typeof (roundTrip(thrower) as Error).message).toBe('string');
    const data = Object.assign(new Error('d'), { detail: Object.assign(Object.create(null), { f() {} }) });
    expect(typeof (roundTrip(data) as { detail: unknown }).detail).toBe('string');
  });

  it('encodes a Proxy of an error, even one whose traps throw', () => {
    const traps = new Proxy(new RangeError('p'), {
      ownKeys() {
        throw new Error('ownKeys');
      },
    });
    expect(() => encodeError(traps)).not.toThrow();
    const { proxy, revoke } = Proxy.revocable(new Error('r'), {});
    revoke();
    expect(() => encodeError(proxy)).not.toThrow();
  });

  it('keeps an `errors` field that is not an array as data', () => {
    const error = Object.assign(new Error('invalid'), { errors: { name: 'is required' } });
    expect((roundTrip(error) as { errors: unknown }).errors).toEqual({ name: 'is required' });
    const count = Object.assign(new Error('invalid'), { errors: 3 });
    expect((roundTrip(count) as { errors: unknown }).errors).toBe(3);
  });

  it('keeps the cause chain of every error of a list mapped through it', () => {
    const errors = Array.from({ length: 12 }, (_, i) => new Error(`e${i}`, { cause: new Error('c') }));
    expect(errors.map(encodeError).map((e) => e.kind === 'error' && e.cause !== undefined)).toEqual(
      errors.map(() => true),
    );
  });

  it('never lets a `__proto__` key in the data replace the prototype of the error it rebuilds', () => {
    const data = JSON.parse('{"kind":"error","name":"Error","message":"m","props":{"__proto__":{"evil":1}}}');
    const back = decodeError(data) as Error & { evil?: number };
    expect(back).toBeInstanceOf(Error);
    expect(back.evil).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual({ evil: 1 });
    const own = new Error('o');
    Object.defineProperty(own, '__proto__', { value: { x: 1 }, enumerable: true });
    const again = roundTrip(own) as Error;
    expect(again).toBeInstanceOf(Error);
    expect(Object.getOwnPropertyDescriptor(again, '__proto__')?.value).toEqual({ x: 1 });
  });
});
