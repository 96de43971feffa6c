import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../dist/_parse.js';
import { defineSpec } from '../dist/_spec.js';
import { UsageError } from '../dist/errors.js';

const spec = defineSpec({
  name: 'demo',
  args: [
    { name: 'WHAT', required: true },
    { name: 'MORE', variadic: true },
  ],
  description: '',
  options: {
    flag: { kind: 'flag', help: 'a flag' },
    name: { kind: 'text', short: 'n', value: 'NAME', help: 'a name' },
    many: { kind: 'text', value: 'X', multiple: true, help: 'repeatable' },
    top: { kind: 'number', value: 'N', default: 10, help: 'a number' },
    depth: { kind: 'number', value: 'N', min: 1, help: 'a number from 1' },
    type: { kind: 'choice', choices: ['f', 'd'], help: 'a choice' },
    '0': { kind: 'flag', short: '0', help: 'NUL' },
  },
  examples: [],
  exit: '',
});

const run = (...argv: string[]) => {
  const r = parseCommandLine(spec, argv);
  if (r.kind !== 'run') throw new Error(`not a run: ${r.kind}`);
  return r;
};

describe('parseCommandLine', () => {
  it('gives typed values with defaults, and the positionals in order', () => {
    expect(run('a', 'b', 'c')).toEqual({
      kind: 'run',
      args: ['a', 'b', 'c'],
      values: { flag: false, name: undefined, many: [], top: 10, depth: undefined, type: undefined, '0': false },
    });
    expect(run('--top', '3', '-0', 'x', '--many', '1', '--many=2', '-n', 'N', '--type', 'd').values).toMatchObject({
      top: 3,
      '0': true,
      many: ['1', '2'],
      name: 'N',
      type: 'd',
    });
  });

  it('takes the next word as an option value whatever it looks like, as getopt does', () => {
    expect(run('x', '--name', '--flag').values).toMatchObject({ name: '--flag', flag: false });
    expect(run('x', '-n', '-').values.name).toBe('-');
  });

  it('ends options at --', () => {
    expect(run('--', '--flag', '-n').args).toEqual(['--flag', '-n']);
  });

  it.each([
    [['x', '--nope'], "unknown option '--nope'"],
    [['x', '-q'], "unknown option '-q'"],
    [['x', '--flag=1'], '--flag takes no value'],
    [['x', '--name'], '--name needs a value'],
    [['x', '--top', '-1'], "--top wants a whole number of at least 0, not '-1'"],
    [['x', '--top', '1.5'], "--top wants a whole number of at least 0, not '1.5'"],
    [['x', '--top', ''], "--top wants a whole number of at least 0, not ''"],
    [['x', '--depth', '0'], "--depth wants a whole number of at least 1, not '0'"],
    [['x', '--type', 'l'], "--type wants f or d, not 'l'"],
    [[], 'missing WHAT'],
  ])('refuses %j: %s', (argv, message) => {
    let thrown: unknown;
    try {
      parseCommandLine(spec, argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect(thrown).toMatchObject({ message, code: 'ERR_SYS_USAGE', command: 'demo' });
  });

  it('answers --help and --version before anything else is checked but unknown options', () => {
    expect(parseCommandLine(spec, ['--help']).kind).toBe('help');
    expect(parseCommandLine(spec, ['-h', '--top', 'x']).kind).toBe('help');
    expect(parseCommandLine(spec, ['--version']).kind).toBe('version');
  });

  it('reads back whatever values a command line was written from', () => {
    const values = fc.record({
      name: fc.option(fc.string(), { nil: undefined }),
      many: fc.array(fc.string(), { maxLength: 4 }),
      top: fc.nat(),
      flag: fc.boolean(),
      args: fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(values, (v) => {
        const argv = [
          ...(v.name === undefined ? [] : ['--name', v.name]),
          ...v.many.flatMap((m) => ['--many', m]),
          ...['--top', String(v.top)],
          ...(v.flag ? ['--flag'] : []),
          '--',
          ...v.args,
        ];
        const r = run(...argv);
        expect(r.values).toMatchObject({ name: v.name, many: v.many, top: v.top, flag: v.flag });
        expect(r.args).toEqual(v.args);
      }),
    );
  });
});
