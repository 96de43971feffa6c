import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../dist/_parse.js';
import type { Command } from '../dist/command.js';
import { commands } from '../dist/commands.js';
import { UsageError } from '../dist/errors.js';
import { folder, sys } from './_sys.js';

const loaded: [string, Command][] = await Promise.all(commands.map(async (c) => [c.name, await c.load()] as const));

/** The words of a shell command line as sh would split it (quotes, no expansions), up to a | ; < > or ). */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|([|;<>)])|([^\s|;<>)]+)/g)) {
    if (m[3]) break;
    out.push(m[1] ?? m[2] ?? m[4] ?? '');
  }
  return out;
}

describe('every command', () => {
  const dir = folder([]);

  it.each(loaded)(
    '%s --help lists every option its parser knows, with usage, examples and exit status',
    async (name, command) => {
      const r = await sys(dir, name, '--help');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(new RegExp(`^Usage: sys ${name} `));
      for (const [option, o] of Object.entries(command.spec.options)) {
        // A one-character option such as -0 has no long form.
        expect(r.stdout).toMatch(o.short === option ? `\n  -${option} ` : `--${option}`);
      }
      expect(r.stdout).toContain('--version');
      expect(r.stdout).toContain('\nExamples:\n');
      expect(r.stdout).toContain('\nExit status: ');
      expect(command.spec.examples.length).toBeGreaterThanOrEqual(2);
    },
  );

  it.each(loaded)('%s: every example in its help parses with its own parser', (name, command) => {
    for (const [line] of command.spec.examples) {
      const argv = words(line.slice(line.indexOf(`sys ${name}`)));
      expect(argv.slice(0, 2)).toEqual(['sys', name]);
      expect(parseCommandLine(command.spec, argv.slice(2)).kind).toBe('run');
    }
  });

  it.each(commands.map((c) => c.name))(
    'sys help %s is the same as its --help; --version works there too',
    async (name) => {
      const help = await sys(dir, 'help', name);
      expect(help).toEqual(await sys(dir, name, '--help'));
      expect((await sys(dir, name, '--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    },
  );

  it('sys --help names every command with its summary', async () => {
    const r = await sys(dir, '--help');
    for (const c of commands) {
      const line = r.stdout.split('\n').find((l) => l.startsWith(`  ${c.name} `));
      expect(line?.replace(/ +/g, ' ')).toBe(` ${c.name} ${c.summary}`);
    }
  });

  it('a misspelt option is a usage error naming it, even before --help', () => {
    const [, find] = loaded[0] as [string, Command];
    expect(() => parseCommandLine(find.spec, ['x', '--frobnicate', '--help'])).toThrow(UsageError);
  });
});
