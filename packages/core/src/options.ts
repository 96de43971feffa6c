/** How long a wait may last and what may cut it short: the same two options on every wait of every package. */
export interface WaitOptions {
  /** Milliseconds to wait at most, any length; `Infinity` or unset waits for ever. */
  timeout?: number;
  /** Ends the wait early with the signal's reason. */
  signal?: AbortSignal;
}
