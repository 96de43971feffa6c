import { spawn } from 'node:child_process';

/**
 * Starts a real process that swaps two names with renameat2(RENAME_EXCHANGE) as fast as it
 * can — a directory and a symlink to outside trade places atomically, again and again — and
 * resolves once it runs. Call the returned function to stop it.
 */
export async function startSwapper(a: string, b: string): Promise<() => void> {
  const swapper = spawn(
    'python3',
    [
      '-c',
      `import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
a, b = os.fsencode(sys.argv[1]), os.fsencode(sys.argv[2])
print('ready', flush=True)
while True: libc.renameat2(-100, a, -100, b, 2)`,
      a,
      b,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve, reject) => {
    swapper.stdout.once('data', resolve);
    swapper.once('error', reject);
  });
  return () => swapper.kill('SIGKILL');
}
