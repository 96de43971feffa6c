// Node has no fork(): N new programs, a function in a child process and a worker thread, with their pids; args: [N]
// fork() copies the running process and exec() replaces the copy with a program; the
// chapter uses both, or os.spawnv on Windows. Node has neither half: spawning starts a new
// program from scratch (fork and exec in one step, as spawnv does). To run one of our own
// functions in another process, a child Node imports this module afresh and calls it
// (Process from @sys/procs, multiprocessing's "spawn" start method), so it does not see
// what the parent changed in memory before the start, as a forked copy would. A worker
// thread shares our pid but not our objects: each has its own heap, and with no GIL the
// threads really run at once, sharing only what lives in a SharedArrayBuffer.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Popen, Process } from '@sys/procs';
import { Thread } from '@sys/threads';
import { quietWhenReaderLeaves } from '../_stdout.js';

let state = 'as loaded';

/** Runs in a child process: who it is, and the module state it sees there. */
export function whoami(): { pid: number; ppid: number; state: string } {
  return { pid: process.pid, ppid: process.ppid, state };
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (isMain && process.argv[2] === 'child') {
  quietWhenReaderLeaves();
  console.log(`child program ${process.argv[3]}: pid ${process.pid}, parent ${process.ppid}`);
} else if (isMain) {
  const count = Number(process.argv[2] ?? '3');
  if (!Number.isInteger(count) || count < 0) {
    console.error('usage: fork-vs-spawn [N]');
    process.exit(2);
  }
  console.log(`parent: pid ${process.pid}`);
  state = 'changed by the parent';

  // 1. A new program, as fork + execlp would start it: our own file, in child mode.
  const self = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), 'child'];
  const programs: Popen[] = [];
  for (let i = 0; i < count; i++) {
    const child = new Popen([...self, String(i)]); // shares our stdout, as a forked child does
    programs.push(child);
    console.log(`Process ${child.pid} spawned`);
  }
  await Promise.all(programs.map((c) => c.wait()));

  // 2. One of our functions in a child process.
  const p = new Process({ module: import.meta.url, export: 'whoami' }).start();
  const seen = (await p.result()) as ReturnType<typeof whoami>;
  await p.join();
  console.log(`function in a child process: pid ${seen.pid}, parent ${seen.ppid}, state '${seen.state}'`);
  console.log(`(a forked copy would have seen '${state}')`);

  // 3. A worker thread: same process, its own thread id. The target travels as source.
  const thread = new Thread({
    target: async () => ({ pid: process.pid, thread: (await import('node:worker_threads')).threadId }),
  }).start();
  const t = (await thread.join()) as { pid: number; thread: number };
  console.log(`worker thread: pid ${t.pid}, thread id ${t.thread}`);
  console.log('Main process exiting.');
}
