// Draws the charts of BENCHMARKS.md again from its tables as they are, without running a
// benchmark (`pnpm bench:charts`): the captions give the date the numbers were committed and
// the Node each section names. `pnpm bench` draws them itself, through writeSection.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chartSection, sections, writeCharts } from './charts.js';

const file = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const committed = execFileSync('git', ['log', '-1', '--format=%cs', '--', file], { encoding: 'utf8' }).trim();
let text = await readFile(file, 'utf8');
const machine = /on (an? [^;.]*machine)/.exec(text)?.[1] ?? 'the benchmark machine';
// From the last section to the first, so the offsets of those before stay true.
for (const { id, from, to } of sections(text).reverse()) {
  const body = text.slice(from, to);
  const node = /Node (v\d+\.\d+\.\d+)/.exec(body)?.[1];
  const caption = `Run committed ${committed || 'never'} on ${machine}${node ? `, Node ${node}` : ''}.`;
  const charted = chartSection(id, body, caption);
  await writeCharts(file, charted.charts);
  text = text.slice(0, from) + charted.markdown + text.slice(to);
}
await writeFile(file, text);
