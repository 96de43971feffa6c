// node spawns.mjs TOOL N [PROCS_DIST]: runs /bin/true N times in a row, output captured, and
// prints the milliseconds the N spawns took (start-up and imports not counted).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [tool, n = '500', dist] = process.argv.slice(2);
const count = Number(n);

function rawSpawn() {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/true', [], { stdio: 'pipe' });
    const out = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
    child.stdin.end();
  });
}

async function pick() {
  switch (tool) {
    case 'spawn':
      return rawSpawn;
    case 'run': {
      const { run } = await import(pathToFileURL(dist).href);
      return () => run(['/bin/true']);
    }
    case 'execa': {
      const { execa } = await import('execa');
      return () => execa('/bin/true');
    }
    case 'tinyexec': {
      const { x } = await import('tinyexec');
      return () => x('/bin/true');
    }
    case 'nano-spawn': {
      const { default: spawnNano } = await import('nano-spawn');
      return () => spawnNano('/bin/true');
    }
    case 'zx': {
      const { $ } = await import('zx');
      $.verbose = false;
      $.quiet = true;
      return () => $`/bin/true`;
    }
    default:
      throw new Error(`unknown tool ${tool}`);
  }
}

const once = await pick();
await once(); // warm: modules loaded, first spawn paid
const start = performance.now();
for (let i = 0; i < count; i++) await once();
console.log((performance.now() - start).toFixed(1));
