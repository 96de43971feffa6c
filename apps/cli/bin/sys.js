#!/usr/bin/env node
// Checks the Node version before the bundle loads: on an older Node the bundle's imports fail with
// a SyntaxError that names no version. NODE_MIN is engines.node in package.json (a test keeps them equal).
const NODE_MIN = [20, 19];
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < NODE_MIN[0] || (major === NODE_MIN[0] && minor < NODE_MIN[1])) {
  process.stderr.write(`sys: needs Node ${NODE_MIN.join('.')} or newer; this is Node ${process.versions.node}\n`);
  process.exit(2);
}
const { main } = await import('../bundle/sys.js');
process.exitCode = await main(process.argv.slice(2));
