import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

// Backslashes are refused on unpack (a Windows separator), so pack skips such names: see pack.test.ts.
const nameChar = fc.constantFrom('a', 'b', 'Z', ' ', '-', '.', 'é', '日', '😀', ':', '"', '\t', '\n', '=');
const name = fc
  .array(nameChar, { minLength: 1, maxLength: 8 })
  .map((cs) => cs.join(''))
  .filter((n) => n !== '.' && n !== '..' && !n.includes('/'));
const line = fc.oneof(
  fc.constantFrom('::::::', '::::::x', '\\::::::y', '\\\\::::::', '::::::::::::::', ':::::', '\\', '', 'text'),
  fc.string({ maxLength: 12 }),
  fc.uint8Array({ maxLength: 10 }).map((b) => Buffer.from(b).toString('latin1')),
);
const content = fc
  .tuple(fc.array(line, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r', ''), fc.boolean())
  .map(([lines, end, finalNewline]) => Buffer.from(lines.join(end) + (finalNewline ? '\n' : ''), 'latin1'));
/** One file, directory or symlink of a generated tree. */
export const node = fc.record({
  dir: fc.array(name, { maxLength: 2 }),
  name,
  kind: fc.constantFrom('file', 'file', 'file', 'dir', 'link'),
  content,
  mode: fc.constantFrom(0o644, 0o755, 0o600, 0o444),
});

export type Node = { dir: string[]; name: string; kind: string; content: Buffer; mode: number };

/** Makes the nodes under `root` (a name taken already is left as it is). */
export function build(root: string, nodes: Node[]): void {
  for (const n of nodes) {
    const dir = join(root, ...n.dir.map((d) => `d${d}`));
    try {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, n.name);
      if (n.kind === 'dir') mkdirSync(path);
      else if (n.kind === 'link') symlinkSync(`../${n.name}`, path);
      else {
        writeFileSync(path, n.content, { flag: 'wx' });
        chmodSync(path, n.mode);
      }
    } catch {
      // a name taken already (or a file where a directory was wanted): keep what is there
    }
  }
}
