// Runs one example by name (`pnpm -s example NAME [args]`) or lists them (`--list`).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { quietWhenReaderLeaves } from './_stdout.js';

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
  quietWhenReaderLeaves();
  try {
    await import(pathToFileURL(file).href);
  } catch (error) {
    // What went wrong, in one line (a server not running, a signal that cannot be caught),
    // not a stack: these are programs for people to try.
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(process.argv.slice(2));
