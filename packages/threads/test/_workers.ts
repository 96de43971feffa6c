import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Workers load the built package: the same code a user gets.
export const dist = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;

/**
 * Runs `body` (the text of an async function body with `T` = the built package and `data` =
 * workerData in scope) in a real worker thread; resolves with what it returns.
 */
export function inWorker<R = unknown>(body: string, data: unknown = {}): Promise<R> {
  const code = `
    import { parentPort, workerData } from 'node:worker_threads';
    import * as T from ${JSON.stringify(dist)};
    const data = workerData;
    const result = await (async () => { ${body} })();
    parentPort.postMessage({ result });`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: data });
  return new Promise((resolve, reject) => {
    let result: R;
    worker.on('message', (m: { result: R }) => {
      result = m.result;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve(result) : reject(new Error(`worker exited ${code}`))));
  });
}
