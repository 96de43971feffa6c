// Starts programs that outlive us (os.spawnv P_DETACH): spawn-detached DIR [N]; each writes DIR/child-I.txt.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnDetached } from '@sys/procs';

if (process.argv[2] === 'child') {
  // Outlives the parent: waits until it has gone, then says so in its file.
  const [, , , file, parent] = process.argv as string[];
  const alive = () => {
    try {
      process.kill(Number(parent), 0);
      return true;
    } catch {
      return false;
    }
  };
  const { writeFileSync } = await import('node:fs');
  const timer = setInterval(() => {
    if (alive()) return;
    clearInterval(timer);
    writeFileSync(file as string, `child ${process.pid} outlived ${parent}\n`);
  }, 20);
} else {
  const [dir, count = '3'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: spawn-detached DIR [N]');
    process.exit(2);
  }
  const self = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), 'child'];
  for (let i = 0; i < Number(count); i++) {
    const pid = await spawnDetached([...self, join(dir, `child-${i}.txt`), String(process.pid)]);
    console.log(`Process ${pid} spawned`);
  }
  console.log('Main process exiting.');
}
