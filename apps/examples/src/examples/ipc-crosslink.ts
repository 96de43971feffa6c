// Cross-linked streams: a child whose stdin and stdout are the parent's pipes; they talk by lines (the chapter's ipc.py)
// Python dup2()s the pipe ends onto fds 0 and 1 after fork(); Node passes them as the
// child's stdio when it spawns, and the parent keeps its own stdin and stdout, talking
// through crosslink()'s toChild and lines() instead.
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { crosslink } from '@sys/ipc';

if (process.argv[2] === '--child') {
  // The child only reads its stdin and prints: it does not know a program is on the other end.
  for await (const line of createInterface({ input: process.stdin })) console.log(`child got: ${line}`);
} else {
  const linked = crosslink(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child']);
  const replies = linked.lines();
  for (const word of ['spam', 'eggs', 'ham']) {
    await linked.writeLine(`Hello ${word}`); // the parent's print goes to the child's input
    console.log(`parent got: ${(await replies.next()).value}`); // and its input is the child's print
  }
  linked.toChild.end();
  await new Promise((resolve) => linked.child.once('exit', resolve));
  console.log('parent exit');
}
