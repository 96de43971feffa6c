import type { Io } from './_io.js';

/** One `sys` subcommand. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  /** Runs the command; resolves with the exit code (0 done, 1 found what it checks for). */
  run(argv: string[], io: Io): Promise<number>;
}
