import { constants } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KillError,
  kill,
  onSignal,
  signalName,
  signalNumber,
  UnknownSignalError,
  waitForSignal,
} from '../dist/index.js';
import { exited, fixture, killChildren } from './_child.js';

afterEach(killChildren);

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

  it('throws UnknownSignalError, a SysError, for a signal the platform lacks', () => {
    expect(() => signalNumber('SIGNOPE')).toThrow(UnknownSignalError);
    expect(() => signalName(9999)).toThrow(/unknown signal: 9999/);
    expect(() => onSignal('NOPE', () => {})).toThrow(expect.objectContaining({ code: 'ERR_SYS_UNKNOWN_SIGNAL' }));
  });

  it('signalNumber of a number it lacks is a SysError that says so, not a TypeError', () => {
    expect(() => signalNumber(99)).toThrow(UnknownSignalError);
    expect(() => signalNumber(99)).toThrow(/unknown signal: 99/);
    expect(signalNumber(15)).toBe(constants.signals.SIGTERM);
  });

  it.each(['SIGKILL', 'STOP', 9])(
    'refuses a handler for %s with a SysError that says it cannot be caught',
    async (signal) => {
      expect(() => onSignal(signal, () => {})).toThrow(UnknownSignalError);
      expect(() => onSignal(signal, () => {})).toThrow(/cannot be caught/);
      await expect(waitForSignal(signal)).rejects.toThrow(/cannot be caught/);
      expect(process.listenerCount('SIGKILL') + process.listenerCount('SIGSTOP')).toBe(0);
    },
  );

  it('waitForSignal resolves when a real signal arrives', async () => {
    const received = waitForSignal('SIGUSR2');
    process.kill(process.pid, 'SIGUSR2');
    await expect(received).resolves.toBe('SIGUSR2');
  });

  it('waitForSignal rejects when aborted and leaves no handler behind', async () => {
    const before = process.listenerCount('SIGUSR2');
    const controller = new AbortController();
    const waiting = waitForSignal('usr2', { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });

  it('waitForSignal at the top of a script keeps the process alive until the signal comes', async () => {
    const child = fixture('wait-signal', [], ['ignore', 'pipe', 'inherit']);
    let out = '';
    child.stdout?.setEncoding('utf8');
    await new Promise<void>((resolve) =>
      child.stdout?.on('data', (text: string) => {
        out += text;
        if (out.includes('waiting\n')) resolve();
      }),
    );
    // Were the wait not holding the process open, it would already have ended with code 13.
    kill(child.pid as number, 'SIGUSR1');
    expect(await exited(child)).toBe(0);
    expect(out).toBe('waiting\ngot SIGUSR1\n');
  });

  it('onSignal calls its handler on every arrival until unsubscribed', async () => {
    const seen: [string, number][] = [];
    const stop = onSignal(constants.signals.SIGUSR2, (name, number) => seen.push([name, number]));
    for (let i = 0; i < 3; i++) {
      const arrived = waitForSignal('SIGUSR2');
      kill(process.pid, 'USR2');
      await arrived;
    }
    stop();
    expect(seen).toEqual(Array(3).fill(['SIGUSR2', constants.signals.SIGUSR2]));
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });

  it('kill signals another process by name and by number', async () => {
    const child = fixture('wait-signal', [], ['ignore', 'ignore', 'inherit']);
    await new Promise((resolve) => child.once('spawn', resolve));
    kill(child.pid as number, constants.signals.SIGKILL);
    expect(await exited(child)).toBe('SIGKILL');
  });

  it('kill says when there is no such process', async () => {
    const child = fixture('wait-signal', [], ['ignore', 'ignore', 'inherit']);
    child.kill('SIGKILL');
    await exited(child);
    expect(() => kill(child.pid as number, 0)).toThrow(KillError);
    expect(() => kill(child.pid as number)).toThrow(expect.objectContaining({ code: 'ERR_SYS_NO_SUCH_PROCESS' }));
  });
});
