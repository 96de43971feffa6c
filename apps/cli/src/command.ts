import type { Session } from './_session.js';
import type { CommandSpec, Parsed } from './_spec.js';

/** What a `sys` subcommand is: the spec its parser and help are made from, and what it does. */
export interface Command<S extends CommandSpec = CommandSpec> {
  spec: S;
  /** Runs the command; resolves with the exit code (0 done, 1 found what it checks for). */
  run(request: Parsed<S>, session: Session): Promise<number>;
}

/** A `sys` subcommand as the command list knows it: its module loads on use, so start-up stays small. */
export interface CommandEntry {
  name: string;
  /** One line for the command list, and the first line of its help. */
  summary: string;
  load(): Promise<Command>;
}

/** Ties a spec to its run function, with the run's values typed from the spec. */
export function defineCommand<const S extends CommandSpec>(
  spec: S,
  run: (request: Parsed<S>, session: Session) => Promise<number>,
): Command<S> {
  return { spec, run };
}
