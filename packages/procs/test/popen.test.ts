import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Popen, ProcessError, SpawnError } from '../dist/index.js';
import { eventually, leftOver } from './_proc.js';

const node = process.execPath;
const js = (code: string, ...args: string[]) => [node, '-e', code, ...args];
const testexit = js('console.log("Bye sys world"); process.exit(42)');
// The chapter's writer.py and reader.py.
const fixture = (name: string) => [node, fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))];
const writer = fixture('writer.mjs');
const reader = fixture('reader.mjs');

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

describe('Popen', () => {
  it('reads a pipe, then wait() gives the exit status (the chapter’s testexit)', async () => {
    const pipe = new Popen(testexit, { stdout: 'pipe' });
    expect(await readAll(pipe.stdout as NodeJS.ReadableStream)).toBe('Bye sys world\n');
    expect(await pipe.wait()).toBe(42);
    expect(pipe.returncode).toBe(42);
  });

  it('communicate() returns both outputs, null for what is not a pipe, and sets returncode', async () => {
    const pipe = new Popen(testexit, { stdout: 'pipe' });
    expect(pipe.poll()).toBeNull();
    expect(await pipe.communicate()).toEqual({ stdout: 'Bye sys world\n', stderr: null });
    expect(pipe.returncode).toBe(42);
    expect(pipe.poll()).toBe(42);
  });

  it('sends input through stdin and reads the answer (reader)', async () => {
    const pipe = new Popen(reader, { stdin: 'pipe', stdout: 'pipe' });
    pipe.stdin?.write('Lumberjack\n');
    pipe.stdin?.write('12\n');
    pipe.stdin?.end();
    const output = await readAll(pipe.stdout as NodeJS.ReadableStream);
    expect(await pipe.wait()).toBe(0);
    expect(output).toBe('Got this: "Lumberjack"\nThe meaning of life is 12 24\n');
  });

  it('ties one child’s stdout to the next one’s stdin (writer | reader)', async () => {
    const p1 = new Popen(writer, { stdout: 'pipe' });
    const p2 = new Popen(reader, { stdin: p1.stdout as NodeJS.ReadableStream as never, stdout: 'pipe' });
    const { stdout } = await p2.communicate();
    expect(stdout).toBe('Got this: "Help! Help! I\'m being repressed!"\nThe meaning of life is 42 84\n');
    expect(p2.returncode).toBe(0);
    expect(await p1.wait()).toBe(0);
  });

  it('closes its copy of a stdout handed to the next child, so the writer ends when the reader does', async () => {
    const p1 = new Popen(['sh', '-c', 'yes 2>/dev/null'], { stdout: 'pipe' });
    const p2 = new Popen(['head', '-n', '2'], { stdin: p1.stdout as never, stdout: 'pipe' });
    expect((await p2.communicate()).stdout).toBe('y\ny\n');
    expect(await p1.wait()).not.toBe(0); // its reader is gone: ECONNRESET, not a hang
  });

  it('communicate() moves 8 MB in, 8 MB out and 8 MB on stderr without deadlock', async () => {
    const echo = js(
      'const c = []; process.stdin.on("data", (b) => c.push(b)).on("end", () => { const all = Buffer.concat(c); process.stderr.write(all); process.stdout.write(all); })',
    );
    const pipe = new Popen(echo, { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', encoding: 'buffer' });
    const input = Buffer.alloc(8 << 20, 'z');
    const { stdout, stderr } = await pipe.communicate(input);
    expect([stdout?.length, stderr?.length, pipe.returncode]).toEqual([8 << 20, 8 << 20, 0]);
    expect((stdout as Buffer).equals(input)).toBe(true);
  });

  it('wait() resolves when the child exits although a grandchild still holds its pipes', async () => {
    const pipe = new Popen(['sh', '-c', 'sleep 60 & echo $!'], { stdout: 'pipe', group: true });
    const [line] = await pipe
      .lines()
      .next()
      .then((r) => [r.value]);
    expect(await pipe.wait()).toBe(0);
    expect(pipe.stdout?.readableEnded).toBe(false); // the sleep has it open still
    pipe.kill(); // the group outlives its leader: the sleep gets it too
    expect(await eventually(() => leftOver([Number(line)]).length === 0)).toBe(true);
  });

  it('terminate(), kill() and sendSignal() set returncode to minus the signal', async () => {
    const a = new Popen(['sleep', '60']);
    a.terminate();
    expect(await a.wait()).toBe(-15);
    expect(a.signalCode).toBe('SIGTERM');
    const b = new Popen(['sleep', '60']);
    b.kill();
    expect(await b.wait()).toBe(-9);
    const c = new Popen(['sleep', '60']);
    c.sendSignal('SIGUSR1');
    expect(await c.wait()).toBe(-10);
  });

  it('kill() ends the whole tree of a child that leads its group', async () => {
    const tree = ['sh', '-c', 'sleep 60 & echo $!; sleep 60 & echo $!; echo $$; wait'];
    const pipe = new Popen(tree, { stdout: 'pipe', group: true });
    const pids: number[] = [];
    for await (const line of pipe) {
      pids.push(Number(line));
      if (pids.length === 3) break;
    }
    pipe.kill('SIGTERM');
    expect(await pipe.wait()).toBe(-15);
    expect(await eventually(() => leftOver(pids).length === 0)).toBe(true);
  });

  it('iterates over output lines as they come', async () => {
    const pipe = new Popen(js('for (const w of ["spam", "eggs\\r", "ham"]) console.log(w)'), { stdout: 'pipe' });
    const seen: string[] = [];
    for await (const line of pipe) seen.push(line);
    expect(seen).toEqual(['spam', 'eggs', 'ham']);
  });

  it('reports a command that cannot start through wait() and communicate()', async () => {
    const pipe = new Popen(['/no/such/program'], { stdout: 'pipe' });
    expect(pipe.pid).toBeUndefined();
    await expect(pipe.wait()).rejects.toBeInstanceOf(SpawnError);
    await expect(pipe.communicate()).rejects.toMatchObject({ code: 'ERR_SYS_SPAWN' });
  });

  it('communicate() with a timeout ends the child and keeps what it wrote', async () => {
    // sh, not node: it writes at once even on a loaded machine, well inside the timeout.
    const pipe = new Popen(['sh', '-c', 'echo partial; exec sleep 60'], { stdout: 'pipe' });
    const error = await pipe.communicate(undefined, { timeout: 1000 }).catch((e) => e);
    expect(error).toBeInstanceOf(ProcessError);
    expect(error).toMatchObject({
      code: 'ERR_SYS_PROCESS_TIMEOUT',
      result: { stdout: 'partial\n', signal: 'SIGTERM' },
    });
  });

  it('await using ends a child still running', async () => {
    let pid = 0;
    {
      await using p = new Popen(['sleep', '4102.5']);
      pid = p.pid as number;
    }
    expect(leftOver([pid])).toEqual([]);
  });

  it('refuses lines() of a stream that is not a pipe', () => {
    const pipe = new Popen(['true']);
    expect(() => pipe.lines()).toThrow(expect.objectContaining({ code: 'ERR_SYS_OPTION' }));
  });
});
