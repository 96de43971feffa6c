// Runs one example by name (`pnpm -s example NAME [args]`) or lists them (`--list`).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('./examples/', import.meta.url));

/** Every example: its name and the summary from its first comment line. */
export function examples(): { name: string; summary: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => {
      const first = readFileSync(join(dir, f), 'utf8').split('\n', 1)[0] ?? '';
      return { name: basename(f, '.ts'), summary: first.replace(/^\/\/\s*/, '') };
    });
}

async function run(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const all = examples();
  if (name === undefined || name === '--list' || name === '-h' || name === '--help') {
    const width = Math.max(...all.map((e) => e.name.length));
    for (const e of all) process.stdout.write(`${e.name.padEnd(width)}  ${e.summary}\n`);
    return;
  }
  if (!all.some((e) => e.name === name)) {
    process.stderr.write(`example: no example named '${name}' (--list shows them)\n`);
    process.exitCode = 2;
    return;
  }
  // The example sees its own name and arguments, as a script run directly would.
  const file = join(dir, `${name}.ts`);
  process.argv = [process.argv[0] as string, file, ...args];
  // `example NAME | head`: a reader that left ends the example quietly, as it would a shell tool.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  await import(pathToFileURL(file).href);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(process.argv.slice(2));
