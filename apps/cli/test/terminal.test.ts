import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { bin, folder, sys } from './_sys.js';
import { ensureTool } from './_tools.js';

// The end-to-end terminal: tmux, installed here when missing (Debian package tmux).
const hasTmux = ensureTool('tmux');

/** A shell in a detached tmux session of its own, in `dir`; `end()` removes the session. */
function terminal(dir: string, name: string, rows = 20) {
  const session = `sys-${name}-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  // Wide enough that the typed command line never wraps, whatever the path of node.
  tmux('new-session', '-d', '-s', session, '-x', '400', '-y', String(rows), '-c', dir, 'sh');
  return {
    type: (...keys: string[]) => tmux('send-keys', '-t', session, ...keys),
    /** Polls the screen until `want` shows: a slow machine only waits longer (15 s at most, inside the test's timeout). */
    async screen(want: RegExp): Promise<string> {
      let text = '';
      for (const until = Date.now() + 15_000; Date.now() < until; await sleep(50)) {
        text = tmux('capture-pane', '-p', '-t', session);
        if (want.test(text)) return text;
      }
      throw new Error(`the terminal never showed ${want}:\n${text}`);
    },
    end: () => tmux('kill-session', '-t', session),
  };
}

describe('on a real terminal (tmux)', () => {
  it.skipIf(!hasTmux)('shows progress on stderr, and Ctrl-C stops with exit 130 leaving nothing behind', async () => {
    const dir = folder(['src/a.txt', 'src/b.txt', 'src/c.txt']);
    expect((await sys(dir, 'pack', 'src', '-o', 'p.pack')).code).toBe(0);
    const pack = readFileSync(join(dir, 'p.pack'));
    execFileSync('mkfifo', [join(dir, 'in.fifo')]);
    const term = terminal(dir, 'progress');
    try {
      term.type(`NO_COLOR=1 ${process.execPath} ${bin} unpack - -C out < in.fifo > /dev/null; echo EXIT=$?`, 'Enter');
      // Half a pack, and the fifo stays open: unpack shows where it is and waits for the rest.
      const writer = await open(join(dir, 'in.fifo'), 'w');
      try {
        await writer.write(pack.subarray(0, pack.indexOf('src/c.txt')));
        expect(await term.screen(/^unpack: \d+ entr(y|ies) src/m)).toBeTruthy();
        term.type('C-c');
        const end = await term.screen(/^EXIT=\d+$/m);
        // Exit 130, and the progress line was cleared: nothing stands between the command and EXIT.
        expect(end).toMatch(/echo EXIT=\$\?\nEXIT=130\n/);
      } finally {
        await writer.close();
      }
    } finally {
      term.end();
    }
    expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []).toEqual([]);
  });

  it.skipIf(!hasTmux)(
    'shows how much sys pack -o has written; Ctrl-C removes its temp file and exits 130',
    async () => {
      const dir = folder(['small.txt']);
      // A sparse 64 GiB file: packing it (as base64) takes far longer than the test waits.
      writeFileSync(join(dir, 'huge.bin'), '');
      truncateSync(join(dir, 'huge.bin'), 64 * 2 ** 30);
      const term = terminal(dir, 'pack');
      try {
        term.type(`NO_COLOR=1 ${process.execPath} ${bin} pack . -o out.pack; echo EXIT=$?`, 'Enter');
        expect(await term.screen(/^pack: \d+\.\d MiB written$/m)).toBeTruthy();
        term.type('C-c');
        expect(await term.screen(/^EXIT=\d+$/m)).toMatch(/echo EXIT=\$\?\nEXIT=130\n/);
      } finally {
        term.end();
      }
      expect(readdirSync(dir).sort()).toEqual(['huge.bin', 'small.txt']);
    },
  );

  it.skipIf(!hasTmux)('keeps output lines whole when stdout and the progress line share the terminal', async () => {
    // Few enough that every line stays on the screen: the first file's progress shows at once,
    // before the first chunk of paths goes out.
    const dir = folder([]);
    for (let d = 0; d < 3; d++) {
      mkdirSync(join(dir, `d${d}`));
      for (let f = 0; f < 10; f++) writeFileSync(join(dir, `d${d}`, `f${f}.txt`), 'a\r\nb\r\n');
    }
    const term = terminal(dir, 'output', 40);
    try {
      term.type(`NO_COLOR=1 ${process.execPath} ${bin} eoln check .; echo EXIT=$?`, 'Enter');
      const lines = (await term.screen(/^EXIT=\d+$/m)).split('\n').filter((l) => l.trim() !== '' && l !== '#');
      expect(lines.at(-1)).toBe('EXIT=1');
      expect(lines.at(-2)).toBe('would convert 30 files, skipped 0, failed 0');
      expect(lines, lines.join('\n')).toHaveLength(33);
      // Every line between is one whole path: no progress text glued in front of one.
      for (const line of lines.slice(1, -2)) expect(line).toMatch(/^\.\/d\d+\/f\d+\.txt$/);
    } finally {
      term.end();
    }
  });
});
