// Pipe between parent and child processes: objects sent and received both ways (the chapter's multi2)
// Python's Process(target=f) runs a function in a forked copy; Node starts this file again
// with a role argument, and Pipe() hands it one end of a socket pair on fd 3. Objects are
// structured values (the Set arrives as a Set), not pickles.
import { fileURLToPath } from 'node:url';
import { Pipe, parentConnection } from '@sys/ipc';
import { quietWhenReaderLeaves } from '../_stdout.js';

const role = process.argv[2];
if (role === 'sender') {
  // Sends an object to the parent on the pipe, then closes it.
  const pipe = parentConnection();
  await pipe.send(['spam', 42, 'eggs']);
  await pipe.close();
} else if (role === 'talker') {
  quietWhenReaderLeaves();
  // Sends and receives objects on the pipe.
  const pipe = parentConnection();
  await pipe.send({ name: 'Bob', spam: 42 });
  const reply = await pipe.recv();
  console.log('talker got:', reply);
} else {
  const module = fileURLToPath(import.meta.url);
  const sender = Pipe({ module, args: ['sender'] });
  console.log('parent got:', await sender.connection.recv());
  await sender.connection.close();

  const talker = Pipe({ module, args: ['talker'] });
  console.log('parent got:', await talker.connection.recv());
  await talker.connection.send(new Set([...'spam'].map((x) => x + x)));
  await new Promise((resolve) => talker.child.once('exit', resolve));
  console.log('parent exit');
}
