// Starts independent programs from child processes (multi5): each Process runs a program and exits.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Process, run } from '@sys/procs';
import { quietWhenReaderLeaves } from '../_stdout.js';

const self = fileURLToPath(import.meta.url);

/** In a child process: starts the program (child.py) in our place, its output going to ours. */
export async function runprogram(arg: number): Promise<number | null> {
  const r = await run([process.execPath, ...process.execArgv, self, 'child', String(arg)], {
    stdout: 'inherit',
    stderr: 'inherit',
  });
  return r.code;
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (isMain && process.argv[2] === 'child') {
  quietWhenReaderLeaves();
  console.log(`Hello from child ${process.pid} ${process.argv[3]}`);
} else if (isMain) {
  const children = Array.from({ length: 5 }, (_, i) =>
    new Process({ module: import.meta.url, export: 'runprogram', args: [i] }).start(),
  );
  console.log('parent exit');
  // Node keeps running until they are done; join them so none is left behind.
  await Promise.all(children.map((c) => c.join()));
}
