// The program a Process or Pool child runs: it imports modules and calls their exports on request.
import { encodeError, OptionError } from '@sys/core';
import { type DoneMessage, IN_CHILD, PROCESS_BRAND, type ReadyMessage, type TaskMessage } from './_remote.js';

(globalThis as Record<symbol, unknown>)[IN_CHILD] = true;
const modules = new Map<string, Promise<Record<string, unknown>>>();

// A reader of our output that left (`| head -1`): Node ignores SIGPIPE, so the write fails
// with EPIPE instead; end quietly, as a C program would die of SIGPIPE, not with a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

// The parent sends module URLs made by core's moduleUrl(): imported as they are.
function load(url: string): Promise<Record<string, unknown>> {
  let m = modules.get(url);
  if (!m) {
    m = import(url);
    modules.set(url, m);
  }
  return m;
}

async function call(task: TaskMessage): Promise<unknown[]> {
  const mod = await load(task.module);
  const target = mod[task.export];
  if (typeof target !== 'function') {
    throw new OptionError('export', `${task.module} has no exported function '${task.export}'`);
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
    process.send?.({ t: 'done', id: message.id, ok: false, error: encodeError(error) }, undefined, undefined, () =>
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
        { t: 'done', id: message.id, ok: false, error: encodeError(error) },
        message.once ? () => process.exit(1) : undefined,
      ),
  );
});
// The parent went away: nobody is left to answer to.
process.on('disconnect', () => process.exit(0));
process.send?.({ t: 'ready' } satisfies ReadyMessage);
