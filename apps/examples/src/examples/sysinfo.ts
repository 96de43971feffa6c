// The sys tour: argv, platform, executable, version, module search path, built-ins, byte order, stack depth, exit status; args: [STATUS] [ARG...]
// Python's sys module holds these in one place; Node spreads them over `process`, `node:os`
// and `node:module`. There is no sys.setrecursionlimit: the limit is the size of V8's stack
// (`--stack-size=KB` for a new process, `resourceLimits.stackSizeMb` for a worker), so the
// depth a program reaches depends on how big its frames are. sys.path has no single list
// either: every file resolves packages from the node_modules folders above it.
import { builtinModules, createRequire } from 'node:module';
import { endianness } from 'node:os';
import { basename } from 'node:path';
import { run } from '@sys/procs';

const [status = '0', ...rest] = process.argv.slice(2);
if (!/^\d{1,3}$/.test(status) || Number(status) > 255) {
  console.error('usage: sysinfo [STATUS 0-255] [ARG...]');
  process.exit(2);
}

// sys.argv: the script's name, then its arguments (Node's argv starts with node itself).
console.log('argv:', JSON.stringify([basename(process.argv[1] ?? ''), status, ...rest]));
const windows = process.platform === 'win32'; // sys.platform.startswith('win')
console.log('platform:', process.platform, windows ? '(Windows)' : '(not Windows)');
console.log('executable:', process.execPath);
const [major, minor, patch] = process.versions.node.split('.').map(Number);
console.log('version:', process.version, `(major ${major}, minor ${minor}, patch ${patch}; V8 ${process.versions.v8})`);

// Where `import 'x'` from this file would look, nearest first.
const search = createRequire(import.meta.url).resolve.paths('x') ?? [];
console.log('module search path:', search.length, 'folders');
for (const folder of search) console.log(`  ${folder}`);

// sys.builtin_module_names; what is loaded (sys.modules) has no public list in ES modules.
const shown = builtinModules.filter((m) => !m.startsWith('_')).slice(0, 5);
console.log('built-in modules:', builtinModules.length, `(${shown.join(', ')}, ...)`);
console.log('byte order:', endianness() === 'LE' ? 'little' : 'big'); // sys.byteorder

/** How many calls deep this thread can go before V8 throws RangeError. */
function depth(): number {
  let n = 0;
  const down = (): void => {
    n += 1;
    down();
  };
  try {
    down();
  } catch {
    // RangeError: Maximum call stack size exceeded, where Python raises RecursionError
  }
  return n;
}
const ours = depth();
// The same count in a child given a smaller stack: Node's nearest to setrecursionlimit.
const probe = `let n = 0; const f = () => { n++; f(); }; try { f(); } catch {} console.log(n);`;
const small = await run([process.execPath, '--stack-size=100', '-e', probe], { check: true });
console.log('recursion depth:', ours, 'calls; with --stack-size=100:', Number(small.stdout), 'calls');

// sys.exit(N): the status the shell sees; exitCode lets pending output drain first.
process.exitCode = Number(status);
console.log('exit status:', process.exitCode);
