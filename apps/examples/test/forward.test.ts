import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, folder } from './_run.js';

describe('site-forward', () => {
  it('writes a forward page for every file of its sample site, names URL-encoded in the links', async () => {
    const dir = folder();
    const r = await example(['site-forward', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('creating'))).toEqual([
      'creating about.html as out/about.html',
      'creating index.html as out/index.html',
      'creating my notes café.html as out/my notes café.html',
    ]);
    expect(r.stdout).toMatch(/Done: 3 forward files created\.\n$/);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['about.html', 'index.html', 'my notes café.html']);
    const page = readFileSync(join(dir, 'out', 'my notes café.html'), 'utf8');
    expect(page).toContain('<A HREF="http://www.example.org/~lutz/home/my%20notes%20caf%C3%A9.html">');
    expect(page).not.toMatch(/\$(server|home|file)\$/);
  });

  it('never overwrites a page that is already there', async () => {
    const dir = folder({ 'out/index.html': 'keep me' });
    const r = await example(['site-forward', 'out'], { cwd: dir });
    expect(r.stdout).toContain('skipping index.html ( out/index.html exists )');
    expect(r.stdout).toMatch(/Done: 2 forward files created\.\n$/);
    expect(readFileSync(join(dir, 'out', 'index.html'), 'utf8')).toBe('keep me');
  });
});
