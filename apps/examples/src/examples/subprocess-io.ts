// The chapter's subprocess streams: send input, read output, both, and writer | reader through a pipe.
import { fileURLToPath } from 'node:url';
import { Popen } from '@sys/procs';

const self = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url)];
const role = process.argv[2];

async function stdinText(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

if (role === 'writer') {
  // writer.py
  console.log("Help! Help! I'm being repressed!");
  console.log(42);
} else if (role === 'reader') {
  // reader.py
  const [text, number] = (await stdinText()).split('\n');
  console.log(`Got this: "${text}"`);
  console.log('The meaning of life is', number, Number(number) * 2);
} else if (role === 'hello-in') {
  // hello-in.py: writes what it reads to a line on stderr, which we leave inherited
  console.error(`Hello ${(await stdinText()).trim()}`);
} else {
  // Sending input
  const hello = new Popen([...self, 'hello-in'], { stdin: 'pipe' });
  hello.stdin?.end('Pokey\n');
  console.log('input:', await hello.wait());

  // Both: input and output
  const both = new Popen([...self, 'reader'], { stdin: 'pipe', stdout: 'pipe' });
  both.stdin?.write('Lumberjack\n');
  both.stdin?.write('12\n');
  both.stdin?.end();
  const { stdout } = await both.communicate();
  console.log('both:', JSON.stringify(stdout), both.returncode);

  // Output only
  const out = new Popen([...self, 'writer'], { stdout: 'pipe' });
  console.log('output:', JSON.stringify((await out.communicate()).stdout), out.returncode);

  // Tying programs' streams together: p1's stdout is p2's stdin descriptor.
  const p1 = new Popen([...self, 'writer'], { stdout: 'pipe' });
  const p2 = new Popen([...self, 'reader'], { stdin: p1.stdout as NodeJS.ReadableStream as never, stdout: 'pipe' });
  const output = (await p2.communicate()).stdout;
  console.log('pipe:', JSON.stringify(output), await p1.wait(), p2.returncode);
}
