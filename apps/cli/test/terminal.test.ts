import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { bin, folder } from './_sys.js';

const hasTmux = spawnSync('sh', ['-c', 'command -v tmux']).status === 0;

describe('on a real terminal (tmux)', () => {
  it.skipIf(!hasTmux)('shows progress on stderr, and Ctrl-C stops with exit 130 leaving no temp file', async () => {
    const dir = folder([]);
    // Enough files that converting them (each fsynced) outlasts a few progress updates.
    for (let d = 0; d < 20; d++) {
      mkdirSync(join(dir, `d${d}`));
      for (let f = 0; f < 200; f++) writeFileSync(join(dir, `d${d}`, `f${f}.txt`), 'a\r\nb\r\n');
    }
    const session = `sys-terminal-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '20', '-c', dir, 'sh');
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
        `NO_COLOR=1 ${process.execPath} ${bin} eoln tounix . > /dev/null; echo EXIT=$?`,
        'Enter',
      );
      expect(await screen(/^eoln: [\d,]+ files \.\/d\d+\/f\d+\.txt/m)).toBeTruthy();
      tmux('send-keys', '-t', session, 'C-c');
      const end = await screen(/^EXIT=\d+$/m);
      // Exit 130, and the progress line was cleared: nothing stands between the command and EXIT.
      expect(end).toMatch(/echo EXIT=\$\?\nEXIT=130\n/);
    } finally {
      tmux('kill-session', '-t', session);
    }
    const left = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => !/^d\d+(\/f\d+\.txt)?$/.test(n));
    expect(left).toEqual([]);
  });
});
