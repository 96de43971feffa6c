import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { examples } from '../src/main.js';

/**
 * The example names a test file runs, read from its syntax tree (so comments, titles and
 * strings that merely mention a name do not count). A name counts when it is written out as
 * - the first string of an array passed first to a plain call: example(['walk', dir]), or a
 *   wrapper of it such as start(['signal-catch', '12']);
 * - a string of an `.each` table, `it.each(['unmore', 'unmore2'])`, or the first string of
 *   each row, `it.each([['unmore', 1]])`.
 * A name built at run time is not seen: write it out, so this check can find it.
 */
function namesRun(source: string): Set<string> {
  const names = new Set<string>();
  const text = (node: ts.Node | undefined) =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
  const add = (value: string | undefined) => value !== undefined && names.add(value);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      if (first && ts.isArrayLiteralExpression(first)) {
        if (ts.isIdentifier(node.expression)) add(text(first.elements[0]));
        if (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'each') {
          for (const row of first.elements) add(ts.isArrayLiteralExpression(row) ? text(row.elements[0]) : text(row));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('test.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return names;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const self = basename(fileURLToPath(import.meta.url));

describe('every example is run by a test', () => {
  it('no example in src/examples lacks a test that runs it', () => {
    const run = new Set<string>();
    for (const file of readdirSync(here).filter((f) => f.endsWith('.test.ts') && f !== self)) {
      for (const name of namesRun(readFileSync(join(here, file), 'utf8'))) run.add(name);
    }
    const untested = examples()
      .map((e) => e.name)
      .filter((name) => !run.has(name));
    expect(untested, `examples without a test that runs them: ${untested.join(', ')}`).toEqual([]);
  });

  it('every example opens with a `// summary` line for --list', () => {
    const dir = fileURLToPath(new URL('../src/examples/', import.meta.url));
    const bare = examples()
      .map((e) => e.name)
      .filter((name) => !/^\/\/ \S/.test(readFileSync(join(dir, `${name}.ts`), 'utf8')));
    expect(bare, `examples whose first line is not a // summary: ${bare.join(', ')}`).toEqual([]);
  });
});

describe('what counts as running an example', () => {
  it.each([
    ["await example(['walk', root]);", ['walk']],
    ["const r = await example([`multi2`], { input: 'x' });", ['multi2']],
    ["start(['signal-catch', '12', '2']);", ['signal-catch']],
    ["it.each(['unmore', 'unmore2'])('%s', async (name) => example([name]));", ['unmore', 'unmore2']],
    ["describe.each([['pack1', 2], ['unpack1', 3]])('%s', () => {});", ['pack1', 'unpack1']],
    ["// example(['walk'])\n/* example(['find']) */", []],
    ["describe('walk', () => { it('find works', () => {}); });", []],
    ["expect(lines).toEqual(['walk', 'find']);", []],
    ["const args = ['walk']; example(args); example([name]);", []],
    ['const text = "example([\'walk\'])";', []],
  ])('%s -> %j', (source, expected) => {
    expect([...namesRun(source)].sort()).toEqual(expected);
  });

  it('finds any name written out in an example([...]) call, and none only mentioned in a comment', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/);
    fc.assert(
      fc.property(name, fc.array(fc.string(), { maxLength: 3 }), (n, rest) => {
        const args = [n, ...rest].map((a) => JSON.stringify(a)).join(', ');
        expect(namesRun(`await example([${args}], { cwd });`)).toEqual(new Set([n]));
        expect(namesRun(`// example([${args}])\nit(${JSON.stringify(n)}, () => {});`).size).toBe(0);
      }),
    );
  });
});
