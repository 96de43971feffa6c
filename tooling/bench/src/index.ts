export { type Comparison, type Contender, compare, type Timing, timingsOf } from './compare.js';
export { markdownTable, writeSection } from './report.js';
export { ensureDebianTool, hasCommand } from './tools.js';
