import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isSysError, OptionError, SysError } from '../dist/index.js';

class WidgetError extends SysError {
  constructor(cause?: unknown) {
    super('ERR_SYS_WIDGET', 'the widget broke', { cause, path: '/w' });
  }
}

describe('SysError', () => {
  it('carries code, message, cause, path and the subclass name', () => {
    const cause = new Error('EACCES');
    const error = new WidgetError(cause);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'ERR_SYS_WIDGET', message: 'the widget broke', path: '/w', cause });
    expect(error.name).toBe('WidgetError');
    expect(String(error)).toBe('WidgetError: the widget broke');
  });

  it('keeps name out of enumerable keys, and has no cause key when there is none', () => {
    const error = new SysError('ERR_SYS_X', 'x');
    expect(Object.keys(error)).toEqual(['code']);
    expect('cause' in error).toBe(false);
  });
});

describe('isSysError', () => {
  it.each([
    ['a SysError', new SysError('ERR_SYS_X', 'x'), true],
    ['a subclass', new OptionError('depth', 'must be a whole number'), true],
    ['a plain Error', new Error('x'), false],
    ['a Node errno error', Object.assign(new Error('x'), { code: 'ENOENT' }), false],
    ['a string', 'ERR_SYS_X', false],
    ['null', null, false],
  ])('answers for %s', (_name, value, expected) => {
    expect(isSysError(value)).toBe(expected);
  });

  it('recognises a SysError made in another realm', () => {
    const foreign = runInNewContext(
      `const e = new Error('x'); Object.defineProperty(e, Symbol.for('@sys/core/SysError'), { value: true }); e`,
    );
    expect(foreign).not.toBeInstanceOf(SysError);
    expect(isSysError(foreign)).toBe(true);
  });

  it('does not take a plain object with an ERR_SYS_ code for a SysError', () => {
    expect(isSysError({ name: 'WidgetError', code: 'ERR_SYS_WIDGET', message: 'broke' })).toBe(false);
  });
});

describe('OptionError', () => {
  it('names the option in the message and has one code everywhere', () => {
    const error = new OptionError('maxDepth', 'must be a whole number, got -1');
    expect(error).toMatchObject({ code: 'ERR_SYS_OPTION', option: 'maxDepth' });
    expect(error.message).toBe('maxDepth: must be a whole number, got -1');
    expect(error.name).toBe('OptionError');
  });
});
