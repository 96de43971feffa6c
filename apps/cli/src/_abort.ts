/**
 * `work`, or the signal's reason as soon as the signal aborts, whichever comes first: a
 * library that does not notice the signal (a write that waits for a drain that will never
 * come) cannot keep the command from cleaning up and exiting.
 */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const stop = () => {
      work.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
