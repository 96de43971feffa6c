// A markdown file's ```ts blocks, run as real programs in a folder of the caller's choice, and
// what they print checked against their output comments. No vitest here: CI scripts use it too
// (readme-blocks.js is the tests' way in).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The info-string word that keeps a block from running (only where running is impossible). */
export const NO_RUN = 'no-run';
const LANGS = new Set(['ts', 'typescript', 'mts']);
// A block that never ends is a failure too; generous, as machines running the suite are shared.
export const TIMEOUT = 20_000;
// Enough of a block's output to show why it failed, bounded whatever the block prints.
const KEEP = 64 * 1024;

/**
 * The fenced TypeScript blocks of a markdown file, in order.
 * @param {string | URL} readme path or file URL of the markdown file
 * @returns {import('./blocks.js').ReadmeBlock[]}
 */
export function readmeBlocks(readme) {
  const file = typeof readme === 'string' ? readme : fileURLToPath(readme);
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^`]*?)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1] ?? '';
    const info = open[2] ?? '';
    const words = info.split(/\s+/).filter(Boolean);
    let end = i + 1;
    while (end < lines.length && !isClose(lines[end] ?? '', fence)) end++;
    if (LANGS.has(words[0] ?? '')) {
      const code = lines.slice(i + 1, end).join('\n');
      blocks.push({ readme: file, line: i + 2, info, code, run: !words.includes(NO_RUN) });
    }
    i = end;
  }
  return blocks;
}

/**
 * A closing fence: the opening fence's character, at least as many, nothing after it.
 * @param {string} line @param {string} fence
 */
function isClose(line, fence) {
  const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return m?.[1] !== undefined && m[1][0] === fence[0] && m[1].length >= fence.length;
}

/**
 * Runs one block as its own Node process (TypeScript through tsx) in `dir`, where what it
 * imports must already resolve. Rejects with the block's stderr when it exits non-zero, dies by
 * a signal or times out, and with `output`, when it printed other than its comments say.
 * @param {import('./blocks.js').ReadmeBlock} block @param {string} dir
 * @param {{ timeout?: number, output?: boolean }} [options]
 * @returns {Promise<import('./blocks.js').BlockRun>}
 */
export async function runBlockIn(block, dir, { timeout = TIMEOUT, output = false } = {}) {
  // Blank lines first: the block's line numbers in a stack trace are the README's.
  const file = join(dir, `readme-line-${block.line}.mts`);
  writeFileSync(file, `${'\n'.repeat(block.line - 1)}${block.code}\n`);
  const run = await spawnBlock(file, dir, timeout);
  if (run.code !== 0) {
    const how = run.timedOut ? `did not end within ${timeout} ms` : `exited with ${run.how}`;
    // Node's code for a top-level await left pending when nothing else can wake the program.
    const hint = run.code === 13 ? ' (a top-level await never settled)' : '';
    const printed = run.stderr || run.stdout || '(no output)';
    throw new Error(`${block.readme}:${block.line}: the \`\`\`ts block ${how}${hint}\n${printed}`);
  }
  const wrong = output ? outputMismatch(block, run.stdout) : undefined;
  if (wrong)
    throw new Error(`${block.readme}:${block.line}: the \`\`\`ts block printed what its comments do not say\n${wrong}`);
  return { dir, stdout: run.stdout, stderr: run.stderr };
}

/** A line that prints, with its output comment: `console.log(...); // what it prints` (or `,` where it is an argument). */
const PRINTS = /^(.*\bconsole\.log\(.*\)[;,]?\s*)\/\/ ?(.*)$/;

/**
 * What a block says it prints, line by line, from its output comments: a line that calls
 * `console.log` and ends with a `// comment` prints the comment's text; comment lines right
 * below whose `//` stands in the same column are the next lines that statement prints (a loop,
 * an object that spans lines). `...` in an expected line stands for any text.
 * @param {import('./blocks.js').ReadmeBlock} block
 * @returns {{ line: number, text: string }[]}
 */
export function expectedOutput(block) {
  const lines = block.code.split('\n');
  /** @type {{ line: number, text: string }[]} */
  const expected = [];
  for (let i = 0; i < lines.length; i++) {
    const m = PRINTS.exec(lines[i] ?? '');
    if (!m) continue;
    const column = (m[1] ?? '').length;
    expected.push({ line: block.line + i, text: (m[2] ?? '').trimEnd() });
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j] ?? '';
      if (!/^\s*\/\//.test(next) || next.indexOf('//') !== column) break;
      expected.push({
        line: block.line + j,
        text: next
          .slice(column + 2)
          .replace(/^ /, '')
          .trimEnd(),
      });
      i = j;
    }
  }
  return expected;
}

/**
 * Where what a block printed on stdout differs from its output comments, in words; undefined
 * when every printed line is the one its comment says, in order, and nothing else is printed.
 * @param {import('./blocks.js').ReadmeBlock} block
 * @param {string} stdout
 * @returns {string | undefined}
 */
export function outputMismatch(block, stdout) {
  const expected = expectedOutput(block);
  const printed = stdout === '' ? [] : stdout.replace(/\n$/, '').split('\n');
  const report = [];
  for (let i = 0; i < Math.max(expected.length, printed.length); i++) {
    const want = expected[i];
    const got = printed[i];
    if (want !== undefined && got !== undefined && matches(want.text, got)) continue;
    const says = want === undefined ? 'no comment says more is printed' : `line ${want.line} says: ${want.text}`;
    report.push(`  ${says}\n    printed: ${got === undefined ? '(nothing more)' : got}`);
  }
  return report.length > 0 ? report.join('\n') : undefined;
}

/** @param {string} want @param {string} got */
function matches(want, got) {
  if (!want.includes('...')) return want === got.trimEnd();
  const pattern = want
    .split('...')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 's').test(got.trimEnd());
}

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * @param {string} file @param {string} cwd @param {number} timeout
 * @returns {Promise<{ code: number | null, how: string, timedOut: boolean, stdout: string, stderr: string }>}
 */
function spawnBlock(file, cwd, timeout) {
  const env = { ...process.env };
  // The test runner's own loader flags are no business of the block's.
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    // A process group of its own, so whatever the block starts goes with it.
    const child = spawn(process.execPath, ['--import', tsx, file], {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    for (const name of /** @type {const} */ (['stdout', 'stderr'])) {
      child[name].setEncoding('utf8');
      child[name].on('data', (text) => {
        if (out[name].length < KEEP) out[name] += text.slice(0, KEEP - out[name].length);
      });
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid); // a background process the block left behind
      resolve({ code, how: signal ? `signal ${signal}` : `code ${code}`, timedOut, ...out });
    });
  });
}

/** @param {number | undefined} pid */
function killGroup(pid) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {}
}
