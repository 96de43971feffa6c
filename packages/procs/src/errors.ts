/** The result of a finished child process. */
export interface RunResult {
  command: string[];
  stdout: string;
  stderr: string;
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
}

/** A command that exited non-zero or died of a signal; carries its whole result. */
export class ProcessError extends Error {
  readonly code = 'ERR_SYS_PROCESS';
  constructor(readonly result: RunResult) {
    const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
    const tail = result.stderr.trim().split('\n').slice(-3).join('\n');
    super(`${result.command.join(' ')} ${how}${tail ? `:\n${tail}` : ''}`);
    this.name = 'ProcessError';
  }
}
