// Environment variables: read one, change it, and a child process sees the change; args: [NAME] [VALUE]
// process.env is os.environ: assigning to it really changes our environment, so a child
// started afterwards inherits the new value, as in Python. Where Node differs: every value
// is stored as a string (env.N = 42 keeps '42'), `delete` unsets, names are case-insensitive
// on Windows only, and a worker thread gets a copy unless it is started with SHARE_ENV.
import { run } from '@sys/procs';

const [name = 'USER', value = 'Bob'] = process.argv.slice(2);
const show = (v: string | undefined) => (v === undefined ? '(not set)' : JSON.stringify(v));

/** Starts a child Node process and returns one variable as it sees it. */
async function childSees(variable: string, env?: Record<string, string>): Promise<string> {
  const code = `console.log(JSON.stringify(process.env[${JSON.stringify(variable)}] ?? null))`;
  const r = await run([process.execPath, '-e', code], { env, check: true });
  return show(JSON.parse(r.stdout) ?? undefined);
}

console.log(`${name}: ${show(process.env[name])}`);
process.env[name] = value;
console.log(`${name} now: ${show(process.env[name])}`);
console.log(`child sees ${name}: ${await childSees(name)}`);

// Given to one child only: ours stays as it was.
console.log(
  `child given SPAM=eggs sees: ${await childSees('SPAM', { SPAM: 'eggs' })}; ours: ${show(process.env.SPAM)}`,
);

// A child's changes stay in the child: environments are copied at start, never shared.
await run([process.execPath, '-e', `process.env[${JSON.stringify(name)}] = 'changed by the child'`], { check: true });
console.log(`after the child changed ${name}, ours: ${show(process.env[name])}`);

(process.env as Record<string, unknown>).SYS_COUNT = 42;
console.log(`SYS_COUNT = 42 is kept as ${show(process.env.SYS_COUNT)}, a ${typeof process.env.SYS_COUNT}`);

delete process.env[name];
console.log(`after delete, child sees ${name}: ${await childSees(name)}`);
