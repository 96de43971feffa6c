// A Process subclass whose run() counts in a child and posts each state to the parent's queue (multi4).
import { pathToFileURL } from 'node:url';
import { Process } from '@sys/procs';

export class Counter extends Process {
  static label = '  @';
  state: number;

  constructor(start: number) {
    super({ module: import.meta.url, export: 'Counter', args: [start] });
    this.state = start;
  }

  /** Runs in the new process on start(). */
  override async run(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, Number(process.env.MULTI4_TICK ?? 1000)));
      this.state += 1;
      console.log(Counter.label, this.pid, this.state); // stdout is shared by all
      this.send([this.pid, this.state]);
    }
    console.log(Counter.label, this.pid, '-');
  }
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (isMain) {
  console.log('start', process.pid);
  let expected = 9;

  // The parent's queue: every child's posts land here, in the order they arrive.
  const post: unknown[] = [];
  const counters = [new Counter(0), new Counter(100), new Counter(1000)];
  for (const c of counters) c.on('message', (data) => post.push(data));
  for (const c of counters) c.start();

  while (expected) {
    await new Promise((r) => setTimeout(r, Number(process.env.MULTI4_TICK ?? 1000) / 2));
    const data = post.shift();
    if (data === undefined) console.log('no data...');
    else {
      console.log('posted:', JSON.stringify(data));
      expected -= 1;
    }
  }
  for (const c of counters) await c.join();
  console.log('finish', process.pid, counters[2]?.exitcode); // exitcode is the child's exit status
}
