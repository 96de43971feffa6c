import { signalNumber } from '@sys/core';

/** A shell-style exit status: the code, or 128 + the signal's number when a signal ended it. */
export function shellStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? signalNumber(signal) : 0);
}

/** Python's returncode: the exit code, or minus the signal's number when a signal ended it. */
export function returnCode(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return -(signal ? signalNumber(signal) : 0);
}
