import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { folder, sys } from './_sys.js';
import { ensureTool, has } from './_tools.js';

async function script(shell: string): Promise<string> {
  const dir = folder([]);
  const r = await sys(dir, 'completion', shell);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  const file = join(dir, `sys.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

describe('sys completion', () => {
  it('bash completes commands, options, option values and first arguments', async () => {
    const file = await script('bash');
    const complete = (...words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($#-1)); _sys; printf '%s\\n' "\${COMPREPLY[@]}"`,
          'bash',
          file,
          ...words,
        ],
        { encoding: 'utf8' },
      )
        .split('\n')
        .filter(Boolean);
    expect(complete('sys', 'bi')).toEqual(['bigfiles']);
    expect(complete('sys', 'find', '--ty')).toEqual(['--type']);
    expect(complete('sys', 'find', '--type', '')).toEqual(['f', 'd', 'l']);
    expect(complete('sys', 'eoln', '')).toEqual(['tounix', 'todos', 'check', 'info']);
    expect(complete('sys', 'pack', '-')).toEqual(expect.arrayContaining(['-o', '--output', '--prune', '--help']));
    expect(complete('sys', 'help', 'un')).toEqual(['unpack', 'unmore']);
  });

  it.skipIf(!has('fish'))('fish completes options with their descriptions and values', async () => {
    const file = await script('fish');
    const complete = (line: string) =>
      execFileSync('fish', ['-c', `source ${file}; complete -C'${line}'`], { encoding: 'utf8' });
    expect(complete('sys find --ty')).toBe('--type\tonly files, directories or symlinks\n');
    expect(
      complete('sys find --type ')
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual(['d', 'f', 'l', '']);
    expect(complete('sys unp')).toMatch(/^unpack\tunpack a pack/);
  });

  it.skipIf(!has('zsh') || !ensureTool('tmux'))(
    'zsh completes an option and then its values, on a real terminal',
    async () => {
      const file = await script('zsh');
      const session = `sys-completion-${process.pid}`;
      const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
      tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '20', 'zsh -f');
      try {
        // Polls the terminal: a slow machine only makes it wait longer (up to 15 s, well inside the test timeout), then it says what it saw.
        const screen = async (want: RegExp) => {
          let text = '';
          for (const until = Date.now() + 15_000; Date.now() < until; ) {
            text = tmux('capture-pane', '-p', '-t', session);
            if (want.test(text)) return text;
            await sleep(50);
          }
          throw new Error(`the terminal never showed ${want}:\n${text}`);
        };
        tmux(
          'send-keys',
          '-t',
          session,
          `autoload -U compinit && compinit -u && source ${file} && echo READY`,
          'Enter',
        );
        await screen(/^READY$/m);
        tmux('send-keys', '-t', session, 'sys find --ty', 'Tab');
        await screen(/sys find --type\s*$/m);
        tmux('send-keys', '-t', session, 'Tab');
        expect(await screen(/^d\s+f\s+l\s*$/m)).toMatch(/sys find --type/);
      } finally {
        tmux('kill-session', '-t', session);
      }
    },
  );
});
