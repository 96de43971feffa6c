import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bin, plainEnv } from './_sys.js';

/** Runs the bin as if on Node `version`: process.versions.node is replaced before it loads. */
function sysOn(version: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const fake = `Object.defineProperty(process.versions, 'node', { value: ${JSON.stringify(version)} })`;
  const preload = `data:text/javascript,${encodeURIComponent(fake)}`;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', preload, bin, ...argv], { env: plainEnv() }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('the bin on an old Node', () => {
  it('says in one line which Node it needs, before loading anything', async () => {
    const run = await sysOn('20.18.3', '--version');
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'sys: needs Node 20.19 or newer; this is Node 20.18.3\n' });
    expect((await sysOn('18.20.8', '--version')).stderr).toContain('this is Node 18.20.8');
  });

  it('runs on the oldest Node it supports and newer', async () => {
    for (const version of ['20.19.0', '22.0.0', '24.1.0']) expect((await sysOn(version, '--version')).code).toBe(0);
  });

  it('asks for the Node that package.json engines asks for', () => {
    const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(readFileSync(bin, 'utf8')).toContain(
      `const NODE_MIN = [${engines.node.replace('>=', '').split('.').join(', ')}];`,
    );
  });
});
