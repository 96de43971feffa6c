// The program a Process or Pool child runs: it imports modules and calls their exports on request.
import { pathToFileURL } from 'node:url';
import { type DoneMessage, errorShape, IN_CHILD, PROCESS_BRAND, type TaskMessage } from './_remote.js';

(globalThis as Record<symbol, unknown>)[IN_CHILD] = true;
const modules = new Map<string, Promise<Record<string, unknown>>>();

function load(url: string): Promise<Record<string, unknown>> {
  let m = modules.get(url);
  if (!m) {
    m = import(url.startsWith('file:') || url.includes('://') ? url : pathToFileURL(url).href);
    modules.set(url, m);
  }
  return m;
}

async function call(task: TaskMessage): Promise<unknown[]> {
  const mod = await load(task.module);
  const target = mod[task.export];
  if (typeof target !== 'function') {
    throw new TypeError(`${task.module} has no exported function '${task.export}'`);
  }
  const fn = target as (...args: unknown[]) => unknown;
  const isProcessClass = (fn.prototype as Record<symbol, unknown> | undefined)?.[PROCESS_BRAND] === true;
  const values: unknown[] = [];
  if (task.items) {
    for (const item of task.items) {
      const v = fn(item);
      // Awaited only when it is a promise: a microtask per plain value adds up over a chunk.
      values.push(v instanceof Promise ? await v : v);
    }
    return values;
  }
  for (const args of task.calls ?? []) {
    if (isProcessClass) {
      const Klass = fn as unknown as new (...a: unknown[]) => { run(): unknown };
      values.push(await new Klass(...args).run());
    } else {
      const v = fn(...args);
      values.push(v instanceof Promise ? await v : v);
    }
  }
  return values;
}

function reply(message: DoneMessage, then?: () => void): void {
  try {
    process.send?.(message, undefined, undefined, () => then?.());
  } catch (error) {
    // A value that cannot be cloned (a function, a socket): say so instead.
    process.send?.({ t: 'done', id: message.id, ok: false, error: errorShape(error) }, undefined, undefined, () =>
      then?.(),
    );
  }
}

process.on('message', (message: TaskMessage) => {
  if (message?.t !== 'task') return;
  call(message).then(
    (values) =>
      reply({ t: 'done', id: message.id, ok: true, values }, message.once ? () => process.exit(0) : undefined),
    (error) =>
      reply(
        { t: 'done', id: message.id, ok: false, error: errorShape(error) },
        message.once ? () => process.exit(1) : undefined,
      ),
  );
});
// The parent went away: nobody is left to answer to.
process.on('disconnect', () => process.exit(0));
