// node pipe.mjs TOOL FILE [PROCS_DIST]: `cat FILE | wc -c` by TOOL; prints the ms and wc's count.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [tool, file, dist] = process.argv.slice(2);

function collect(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s) => {
      out += s;
    });
    child.on('error', reject);
    child.on('close', () => resolve(out.trim()));
  });
}

const tools = {
  // Node's own streams: every byte goes through this process.
  async pipe() {
    const cat = spawn('cat', [file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const wc = spawn('wc', ['-c'], { stdio: ['pipe', 'pipe', 'inherit'] });
    cat.stdout.pipe(wc.stdin);
    return collect(wc);
  },
  // The descriptor handed over by hand: cat's stdout is wc's stdin.
  async handoff() {
    const cat = spawn('cat', [file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const wc = spawn('wc', ['-c'], { stdio: [cat.stdout, 'pipe', 'inherit'] });
    cat.stdout.destroy();
    return collect(wc);
  },
  async execa() {
    const { execa } = await import('execa');
    // buffer: false, or execa keeps cat's whole output as well (and stops at its maxBuffer).
    return (await execa('cat', [file], { buffer: false }).pipe('wc', ['-c'])).stdout.trim();
  },
  async tinyexec() {
    const { x } = await import('tinyexec');
    return (await x('cat', [file]).pipe('wc', ['-c'])).stdout.trim();
  },
  async pipeline() {
    const { pipeline } = await import(pathToFileURL(dist).href);
    return (
      await pipeline([
        ['cat', file],
        ['wc', '-c'],
      ])
    ).stdout.trim();
  },
};

if (tool === 'execa') await import('execa');
if (tool === 'tinyexec') await import('tinyexec');
if (tool === 'pipeline') await import(pathToFileURL(dist).href);
const start = performance.now();
const count = await tools[tool]();
console.log((performance.now() - start).toFixed(1), count);
