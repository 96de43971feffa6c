import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chartSection, machineCaption, writeCharts } from './charts.js';
import type { Timing } from './compare.js';

const BENCHMARKS = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));

/** Renders timings as a Markdown table, fastest first: medians, the spread of the runs, ratios to the subject. */
export function markdownTable(timings: Timing[], subject: string): string {
  const rows = [...timings].sort((a, b) => a.medianMs - b.medianMs);
  const lines = [`| tool | median | spread | × ${subject} |`, '|---|---:|---:|---:|'];
  for (const t of rows) {
    const escaped = t.name.replaceAll('|', '\\|');
    const name = t.name === subject ? `**${escaped}**` : escaped;
    lines.push(`| ${name} | ${fmt(t.medianMs)} | ${fmt(t.minMs)} – ${fmt(t.maxMs)} | ${t.ratio.toFixed(2)} |`);
  }
  return lines.join('\n');
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/**
 * Replaces (or appends) the section `id` of BENCHMARKS.md, leaving other packages' sections
 * alone, and draws a chart of each of its timing tables beside it (charts.ts).
 */
export async function writeSection(
  id: string,
  markdown: string,
  file = BENCHMARKS,
  caption = machineCaption(),
): Promise<void> {
  const begin = `<!-- bench:${id}:begin -->`;
  const end = `<!-- bench:${id}:end -->`;
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text =
      "# Benchmarks\n\nWritten by `pnpm bench`. Medians of round-robin runs on a shared 2-core machine; ratios are each tool's median over ours (above 1: we are faster).\n";
  }
  const charted = chartSection(id, markdown.trim(), caption);
  await writeCharts(file, charted.charts);
  const block = `${begin}\n${charted.markdown}\n${end}`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  text =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  await writeFile(file, text);
}
