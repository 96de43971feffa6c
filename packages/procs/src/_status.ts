import { constants } from 'node:os';

/** A shell-style exit status: the code, or 128 + the signal's number when a signal ended it. */
export function shellStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}

/** Python's returncode: the exit code, or minus the signal's number when a signal ended it. */
export function returnCode(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return -(signal ? (constants.signals[signal] ?? 0) : 0);
}
