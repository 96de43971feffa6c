import { constants } from 'node:os';
import { describe, expect, it } from 'vitest';
import { signalName, signalNumber, UnknownSignalError, waitForSignal } from '../src/index.js';

describe('signals', () => {
  it.each([
    ['SIGINT', constants.signals.SIGINT],
    ['TERM', constants.signals.SIGTERM],
    ['sigusr1', constants.signals.SIGUSR1],
  ])('knows the number of %s', (name, number) => {
    expect(signalNumber(name)).toBe(number);
  });

  it('maps numbers back to names', () => {
    expect(signalName(constants.signals.SIGKILL)).toBe('SIGKILL');
  });

  it('throws UnknownSignalError for a signal the platform lacks', () => {
    expect(() => signalNumber('SIGNOPE')).toThrow(UnknownSignalError);
    expect(() => signalName(9999)).toThrow(/unknown signal: 9999/);
  });

  it('waitForSignal resolves when a real signal arrives', async () => {
    const received = waitForSignal('SIGUSR2');
    process.kill(process.pid, 'SIGUSR2');
    await expect(received).resolves.toBe('SIGUSR2');
  });

  it('waitForSignal rejects when aborted and leaves no handler behind', async () => {
    const before = process.listenerCount('SIGUSR2');
    const controller = new AbortController();
    const waiting = waitForSignal('SIGUSR2', { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });
});
