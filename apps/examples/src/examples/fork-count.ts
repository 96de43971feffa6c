// Starts a child program for each line typed, until 'q' (the chapter's fork-count): fork-count.
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Popen } from '@sys/procs';
import { quietWhenReaderLeaves } from '../_stdout.js';

if (process.argv[2] === 'child') {
  quietWhenReaderLeaves();
  // child.py
  console.log(`Hello from child ${process.pid} ${process.argv[3]}`);
} else {
  const self = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), 'child'];
  const children: Popen[] = [];
  let parm = 0;
  const input = createInterface({ input: process.stdin });
  const next = () => {
    parm += 1;
    const child = new Popen([...self, String(parm)]); // inherits our stdout, as a forked child would
    children.push(child);
    console.log(`Child is ${child.pid}`);
  };
  next();
  for await (const line of input) {
    if (line === 'q') break;
    next();
  }
  input.close();
  await Promise.all(children.map((c) => c.wait())); // reap them all: no zombies
}
