import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forwardPage, urlEncodeName } from '../dist/_forward.js';
import { folder, sys } from './_sys.js';

const TEMPLATE = '<a href="http://$server$/$home$/$file$">$name$</a>\n';

function site(): string {
  const dir = folder(['site/index.html', 'site/my page & <cv>.html', 'site/sub/inner.html']);
  writeFileSync(join(dir, 't.html'), TEMPLATE);
  return dir;
}
const run = (dir: string, ...more: string[]) =>
  sys(dir, 'forward', '--template', 't.html', '--server', 'example.org', '--home', '~me', 'site', 'out', ...more);

describe('sys forward', () => {
  it('writes one page per file of SITEDIR, the link URL-encoded and the text HTML-escaped', async () => {
    const dir = site();
    const r = await run(dir);
    expect(r).toEqual({
      code: 0,
      stdout: 'out/index.html\nout/my page & <cv>.html\n',
      stderr: 'wrote 2 forward pages\n',
    });
    expect(readFileSync(join(dir, 'out', 'my page & <cv>.html'), 'utf8')).toBe(
      '<a href="http://example.org/~me/my%20page%20%26%20%3Ccv%3E.html">my page &#38; &#60;cv&#62;.html</a>\n',
    );
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['index.html', 'my page & <cv>.html']);
  });

  it('keeps pages that exist unless --force, and goes on with the others', async () => {
    const dir = site();
    await run(dir);
    writeFileSync(join(dir, 'out', 'index.html'), 'mine');
    writeFileSync(join(dir, 'site', 'new.html'), 'x');
    const r = await run(dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('out/new.html\n');
    expect(r.stderr).toContain('sys forward: out/index.html: exists (--force replaces it)\n');
    expect(readFileSync(join(dir, 'out', 'index.html'), 'utf8')).toBe('mine');
    expect((await run(dir, '--force')).code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'index.html'), 'utf8')).toContain('example.org/~me/index.html');
  });

  it('ends each path with NUL for -0', async () => {
    expect((await run(site(), '-0')).stdout).toBe('out/index.html\0out/my page & <cv>.html\0');
  });

  it('writes nothing on --dry-run', async () => {
    const dir = site();
    const r = await run(dir, '--dry-run');
    expect(r).toMatchObject({ code: 0, stdout: 'out/index.html\nout/my page & <cv>.html\n' });
    expect(readdirSync(dir).sort()).toEqual(['site', 't.html']);
  });

  it.each([
    [['forward', 'site', 'out'], "sys forward: --template is required (see 'sys forward --help')\n"],
    [
      ['forward', '--template', 'no.html', '--server', 's', '--home', 'h', 'site', 'out'],
      'sys forward: no.html: no such file or directory\n',
    ],
    [
      ['forward', '--template', 't.html', '--server', 's', '--home', 'h', 'nosite', 'out'],
      'sys forward: nosite: no such file or directory\n',
    ],
  ])('refuses %j with one line and exit 2', async (argv, stderr) => {
    expect(await sys(site(), ...argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('substitutes once: a value holding $home$ is not substituted again', () => {
    const page = forwardPage('$server$|$home$|$file$', {
      server: '$home$',
      home: 'h',
      file: Buffer.from('a b'),
      name: 'a b',
    });
    expect(page).toBe('$home$|h|a%20b');
  });

  it('URL-encodes any name to unreserved characters and %XX, which decode back to the name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        const encoded = urlEncodeName(Buffer.from(name));
        expect(encoded).toMatch(/^([A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(name);
      }),
    );
  });
});
