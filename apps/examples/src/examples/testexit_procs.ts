// Runs testexit_sys five ways (system, popen, run, Popen.communicate, call) and shows status 42 each time.
import { fileURLToPath } from 'node:url';
import { Popen, popen, run, system } from '@sys/procs';

// The same Node (and loader) that runs us, on the chapter's testexit_sys.
const testexit = [process.execPath, ...process.execArgv, fileURLToPath(new URL('./testexit_sys.ts', import.meta.url))];
const line = testexit.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');

console.log('system:', await system(line)); // its output goes straight to ours

const pipe = popen(line);
console.log('popen:', JSON.stringify(await pipe.read()), await pipe.close());

const r = await run(testexit);
console.log('run:', JSON.stringify(r.stdout), r.code);

const p = new Popen(testexit, { stdout: 'pipe' });
const { stdout } = await p.communicate();
console.log('Popen.communicate:', JSON.stringify(stdout), p.returncode);

// subprocess.call: inherit everything, give back the status.
console.log('call:', (await run(testexit, { stdin: 'inherit', stdout: 'inherit', stderr: 'inherit' })).code);
