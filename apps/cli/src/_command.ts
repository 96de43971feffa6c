import type { Io } from './_io.js';

/** What a `sys` subcommand does, loaded only when it runs. */
export interface Command {
  /** The full `--help` text. */
  help: string;
  /** Runs the command; resolves with the exit code (0 done, 1 found what it checks for). */
  run(argv: string[], io: Io): Promise<number>;
}

/** A `sys` subcommand as the command list knows it: its module loads on use, so start-up stays small. */
export interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  load(): Promise<Command>;
}
