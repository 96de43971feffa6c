import { describe, expect, it } from 'vitest';
import { examples } from '../src/main.js';
import { example } from './_run.js';

describe('examples runner', () => {
  it('lists every example with its summary', async () => {
    const r = await example(['--list']);
    expect(r.code).toBe(0);
    for (const e of examples()) expect(r.stdout).toContain(e.name);
    expect(examples().every((e) => e.summary.length > 0)).toBe(true);
  });

  it('refuses an unknown example with exit 2', async () => {
    const r = await example(['no_such_example']);
    expect(r).toMatchObject({ code: 2, stderr: "example: no example named 'no_such_example' (--list shows them)\n" });
  });
});

describe('testexit_sys', () => {
  it('prints its farewell and exits 42', async () => {
    expect(await example(['testexit_sys'])).toMatchObject({ code: 42, stdout: 'Bye sys world\n' });
  });
});
