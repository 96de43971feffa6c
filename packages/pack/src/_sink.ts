import type { EntryHeader } from './format.js';

/**
 * Where parsed entries go: written to disk, or only listed. Called synchronously (an
 * async call per entry cost more than the entry); `end` may ask the parser to wait.
 */
export interface Sink {
  /** A new entry begins at `line`. */
  begin(entry: EntryHeader, line: number): void;
  /** Bytes of the current file entry. */
  write(bytes: Buffer): void;
  /** The current entry is complete; a promise returned holds the parser back until it settles. */
  end(): undefined | Promise<void>;
  /** The pack broke off inside the current entry: drop it. */
  abort(): void;
}
