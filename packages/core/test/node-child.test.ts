import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { childExecArgv, moduleUrl, OptionError, workerOptions } from '../dist/index.js';

const core = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;
// A folder whose name needs escaping in a URL: '#', '%', spaces.
const dir = mkdtempSync(join(tmpdir(), 'sys core #1 %20 '));
const childFile = join(dir, 'child #2.mjs');
writeFileSync(childFile, `console.log('child ran ' + process.argv.slice(2).join(','));`);
const workerFile = join(dir, 'worker #3.mjs');
writeFileSync(workerFile, `import { parentPort } from 'node:worker_threads'; parentPort.postMessage('worker ran');`);

/** Runs `node ...flags` and gives its stdout; rejects with its stderr. */
function node(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { timeout: 20_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${String(error)}\n${stderr}`)) : resolve(stdout),
    ),
  );
}

// The parent program: starts a child Node process on `childFile` the way every package does.
const startChild = `
  const { childExecArgv } = await import(${JSON.stringify(core)});
  const { execFileSync } = await import('node:child_process');
  process.stdout.write(execFileSync(process.execPath, [...childExecArgv(), ${JSON.stringify(childFile)}, 'a b', '#c'], { encoding: 'utf8' }));`;

const startWorker = `
  const { startWorker } = await import(${JSON.stringify(core)});
  const w = startWorker(new URL(${JSON.stringify(pathToFileURL(workerFile).href)}));
  w.on('message', (m) => { console.log(m); w.terminate(); });
  w.on('error', (e) => { console.error(e); process.exitCode = 3; });`;

describe('starting a child Node process', () => {
  it.each([
    ['from node -e', ['-e', `(async () => { ${startChild} })()`]],
    ['from node --eval=', [`--eval=(async () => { ${startChild} })()`]],
    ['from node -p', ['-p', `(async () => { ${startChild} })(), ''`]],
    ['from node --input-type=module -e', ['--input-type=module', '-e', startChild]],
    [
      'under per-process flags',
      ['--max-old-space-size=200', '--expose-gc', '--title=x', '--input-type=module', '-e', startChild],
    ],
  ])('runs the module, not the parent code, %s', async (_name, args) => {
    const out = await node(args);
    expect(out.trim().split('\n')[0]).toBe('child ran a b,#c');
  });

  it('drops the flags that name the parent entry, keeps the rest', () => {
    expect(
      childExecArgv([
        '--import',
        'tsx',
        '-e',
        'x()',
        '--input-type=module',
        '-pe',
        'y',
        '--print',
        'z',
        '--max-old-space-size=9',
        '-i',
      ]),
    ).toEqual(['--import', 'tsx', '--max-old-space-size=9']);
  });

  it('takes -p and --print followed by a flag as a switch, not as a flag with a value', () => {
    // node -p -e CODE / node --print --eval CODE: -p is a switch there, CODE is -e's value.
    expect(childExecArgv(['-p', '-e', 'code()', '--no-warnings'])).toEqual(['--no-warnings']);
    expect(childExecArgv(['--print', '--eval', 'code()'])).toEqual([]);
    expect(childExecArgv(['-p', '--no-warnings'])).toEqual(['--no-warnings']);
  });

  it('drops --test, which would run the module as a test file (node --test --test-isolation=none)', () => {
    expect(childExecArgv(['--test', '--test-isolation=none', '--no-warnings'])).toEqual([
      '--test-isolation=none',
      '--no-warnings',
    ]);
  });

  it('runs the module from node --print --eval', async () => {
    const out = await node(['--print', '--eval', `(async () => { ${startChild} })(), ''`]);
    expect(out.trim().split('\n')[0]).toBe('child ran a b,#c');
  });
});

describe('starting a worker thread', () => {
  it.each([
    ['from a file', null],
    ['from node --input-type=module -e', ['--input-type=module']],
    ['under --max-old-space-size', ['--max-old-space-size=200']],
    ['under --expose-gc', ['--expose-gc']],
    ['under --title', ['--title=sys-test']],
    ['under --abort-on-uncaught-exception', ['--abort-on-uncaught-exception']],
    [
      'under every flag at once from node -e',
      ['--max-old-space-size=200', '--expose-gc', '--title=x', '--input-type=module'],
    ],
    // Node's own --experimental-* flag that a worker refuses by another name (V8's
    // --harmony-shadow-realm): no list of names can know every such flag of every release.
    ['under --experimental-shadow-realm from node -e', ['--experimental-shadow-realm', '--input-type=module']],
    [
      'under refused and accepted flags with values from node -e',
      ['--experimental-shadow-realm', '--title', 'x', '--disable-warning', 'DEP0005', '--input-type=module'],
    ],
  ])('starts %s', async (_name, flags) => {
    let out: string;
    if (flags === null) {
      const parent = join(dir, `parent ${Math.random()}.mjs`);
      writeFileSync(parent, startWorker);
      out = await node([parent]);
    } else {
      out = await node([
        ...flags,
        ...(flags.includes('--input-type=module') ? [] : ['--input-type=module']),
        '-e',
        startWorker,
      ]);
    }
    expect(out.trim()).toBe('worker ran');
  });
});

describe('workerOptions', () => {
  it('keeps a kept flag with its value when the value is the next word', () => {
    // node --experimental-default-type module --input-type=module -e ...: a worker refused the
    // flag without its value ('--experimental-default-type requires an argument').
    const execArgv = [
      '--experimental-default-type',
      'module',
      '--title',
      'x',
      '--import',
      'tsx',
      '--enable-source-maps',
    ];
    // Node 24 has no --experimental-default-type (a worker refuses it): then it goes with its value.
    const known = process.allowedNodeEnvironmentFlags.has('--experimental-default-type');
    expect(workerOptions({ execArgv }).execArgv).toEqual([
      ...(known ? ['--experimental-default-type', 'module'] : []),
      '--import',
      'tsx',
      '--enable-source-maps',
    ]);
  });

  it('drops a flag Node refuses under another name, with its value, and keeps the accepted ones', () => {
    const execArgv = [
      '--experimental-shadow-realm',
      '--title',
      'x',
      '--disable-warning',
      'DEP0005',
      '--conditions',
      'development',
      '--no-warnings',
    ];
    expect(workerOptions({ execArgv }).execArgv).toEqual([
      '--disable-warning',
      'DEP0005',
      '--conditions',
      'development',
      '--no-warnings',
    ]);
  });
});

describe('workerOptions', () => {
  it('keeps only what a worker accepts of an execArgv given to it', () => {
    expect(
      workerOptions({
        execArgv: [
          '--experimental-sea-config',
          'sea.json',
          '--max-old-space-size=9',
          '--no-warnings',
          '--import',
          'tsx',
        ],
      }).execArgv,
    ).toEqual(['--no-warnings', '--import', 'tsx']);
  });
});

describe('moduleUrl', () => {
  it.each([
    [childFile, pathToFileURL(childFile).href],
    [pathToFileURL(childFile), pathToFileURL(childFile).href],
    [pathToFileURL(childFile).href, pathToFileURL(childFile).href],
    ['node:os', 'node:os'],
    ['./x #y.js', pathToFileURL(join(process.cwd(), 'x #y.js')).href],
  ])('turns %s into %s', (given, url) => {
    expect(moduleUrl(given)).toBe(url);
  });

  it.each([
    ['@sys/core', /package specifier/],
    ['lodash', /import\.meta\.resolve\('lodash'\)/],
    ['https://example.invalid/x.js', /file:, data: or node: URL/],
    ['', /must be a path/],
    [Object.create(null), /must be a path/],
  ])('refuses %s clearly', (given, message) => {
    expect(() => moduleUrl(given, 'module')).toThrow(OptionError);
    expect(() => moduleUrl(given, 'module')).toThrow(message);
  });
});
