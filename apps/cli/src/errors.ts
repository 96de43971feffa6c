import { SysError, signalNumber } from '@sys/core';

/** Bad usage: unknown command or option, a missing or malformed argument. The CLI exits 2. */
export class UsageError extends SysError {
  constructor(
    message: string,
    /** The command whose help to point at, when there is one. */
    readonly command?: string,
  ) {
    super('ERR_SYS_USAGE', message);
  }
}

/** The run was stopped by a signal; the CLI exits 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export class Interrupted extends SysError {
  readonly exitCode: number;
  constructor(readonly signal: string) {
    super('ERR_SYS_INTERRUPTED', `interrupted by ${signal}`);
    this.exitCode = 128 + signalNumber(signal);
  }
}

/** Whoever read our output stopped reading (`sys find ... | head -1`): not a failure, the CLI exits 0. */
export class PipeClosed extends SysError {
  constructor(cause?: unknown) {
    super('ERR_SYS_PIPE_CLOSED', 'the reader of the output went away', { cause });
  }
}

/** Writing the output failed (a full disk, an I/O error): the CLI exits 2. */
export class OutputError extends SysError {
  constructor(cause: unknown) {
    super('ERR_SYS_OUTPUT', `cannot write the output: ${(cause as Error).message}`, { cause });
  }
}

/** `-o FILE` names what cannot be written as a whole file: a directory, a socket, a missing folder. The CLI exits 2. */
export class OutputTargetError extends SysError {
  constructor(path: string, reason: string) {
    super('ERR_SYS_OUTPUT_TARGET', reason, { path });
  }
}

/** The input given is not one a command can read (a directory where a pack was expected). The CLI exits 2. */
export class InputError extends SysError {
  constructor(path: string, reason: string) {
    super('ERR_SYS_INPUT', reason, { path });
  }
}
