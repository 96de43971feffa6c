import { Barrier } from './barrier.js';
import { Condition } from './condition.js';
import { Event } from './event.js';
import { Lock } from './lock.js';
import { LifoQueue, PriorityQueue, Queue } from './queue.js';
import { RLock } from './rlock.js';
import { BoundedSemaphore, Semaphore } from './semaphore.js';

// Our objects keep their state in shared memory but their methods on the prototype, which
// structured clone drops. Sent to a thread they travel as a marker holding the buffer and are
// rebuilt with `X.from(buffer)` on the other side.
const MARK = '__sysShared';

type Rebuild = (buffer: SharedArrayBuffer, lock?: unknown) => object;
/** A shared class: its name on the wire, instance test and rebuild. Subclasses come first. */
interface Kind {
  name: string;
  is: (v: object) => boolean;
  from: Rebuild;
}
const kinds: Kind[] = [];

/** Makes instances of a shared class travel to threads by buffer (its `from` rebuilds them). */
export function registerShared(name: string, cls: abstract new (...args: never[]) => object, from: Rebuild): void {
  kinds.push({ name, is: (v) => v instanceof cls, from });
}

registerShared('Lock', Lock, (b) => Lock.from(b));
registerShared('RLock', RLock, (b) => RLock.from(b));
registerShared('BoundedSemaphore', BoundedSemaphore, (b) => BoundedSemaphore.from(b));
registerShared('Semaphore', Semaphore, (b) => Semaphore.from(b));
registerShared('Condition', Condition, (b, lock) => Condition.from(b, lock as Lock | RLock | undefined));
registerShared('Event', Event, (b) => Event.from(b));
registerShared('Barrier', Barrier, (b) => Barrier.from(b));
registerShared('LifoQueue', LifoQueue, (b) => LifoQueue.from(b));
registerShared('PriorityQueue', PriorityQueue, (b) => PriorityQueue.from(b));
registerShared('Queue', Queue, (b) => Queue.from(b));

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Replaces shared objects (in arrays and plain objects, at any depth) by markers. The buffers
 * of queues go into `queues`: whoever starts the thread frees their internal lock if it dies.
 */
export function encodeShared(value: unknown, queues?: Set<SharedArrayBuffer>, seen = new Set<object>()): unknown {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  for (const kind of kinds) {
    if (!kind.is(value)) continue;
    const { buffer } = value as { buffer: SharedArrayBuffer };
    if (value instanceof Queue) queues?.add(buffer);
    const lock =
      value instanceof Condition && value.lock.buffer !== buffer ? encodeShared(value.lock, queues) : undefined;
    return { [MARK]: kind.name, buffer, lock };
  }
  if (!Array.isArray(value) && !isPlain(value)) return value;
  seen.add(value);
  let copy: unknown[] | Record<string, unknown> | undefined;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, item] of entries) {
    const encoded = encodeShared(item, queues, seen);
    if (encoded === item && copy === undefined) continue;
    copy ??= Array.isArray(value) ? [...value] : { ...value };
    (copy as Record<string | number, unknown>)[key] = encoded;
  }
  seen.delete(value);
  return copy ?? value;
}

/** Rebuilds the shared objects that `encodeShared` turned into markers, in place. */
export function decodeShared(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const name = (value as Record<string, unknown>)[MARK];
  if (typeof name === 'string') {
    const { buffer, lock } = value as { buffer: SharedArrayBuffer; lock?: unknown };
    const kind = kinds.find((k) => k.name === name);
    return kind ? kind.from(buffer, lock === undefined ? undefined : decodeShared(lock)) : value;
  }
  if (!Array.isArray(value) && !isPlain(value)) return value;
  const target = value as Record<string | number, unknown>;
  for (const key of Object.keys(target)) target[key] = decodeShared(target[key]);
  return value;
}
