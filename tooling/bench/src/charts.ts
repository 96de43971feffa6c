// One small SVG bar chart per timed workload of BENCHMARKS.md, drawn by hand from the Markdown
// tables themselves (`| tool | median | spread | × SUBJECT |`; older tables say `fastest`), so a chart never says other
// than its table. Each chart is embedded right under its table; the files live in charts/.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, type } from 'node:os';
import { dirname, join } from 'node:path';

/** One row of a timing table: a tool's median, in milliseconds, and its ratio to ours. */
export interface Bar {
  name: string;
  ms: number;
  ratio: number;
  /** The subject of the table: ours. */
  ours: boolean;
}

/** A chart to draw: its title, its bars (in the table's order) and a caption. */
export interface Chart {
  title: string;
  subject: string;
  bars: Bar[];
  caption: string;
}

const HEADER = /^\| tool \| median \| (?:fastest|spread) \| × (.+) \|$/;
const IMAGE = /^!\[[^\]]*\]\([^)]*charts\/[^)]*\.svg\)$/;

/** `104 ms` or `2.78 s` in milliseconds. */
function parseTime(text: string): number {
  const m = /^([\d.,]+)\s*(ms|s)$/.exec(text.trim());
  if (!m) return Number.NaN;
  const n = Number((m[1] as string).replaceAll(',', ''));
  return m[2] === 's' ? n * 1000 : n;
}

/** The cells of a Markdown table row (a `\|` stays inside its cell). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replaceAll('\\|', '|'));
}

/**
 * Finds the timing tables of one BENCHMARKS.md section, gives each a chart file named
 * `<id>-<n>.svg` in `chartDir`, and returns the section with an image line under each table
 * (image lines from an earlier run are replaced, so running it again changes nothing).
 * @param id the section's id (`find`, `pack-memory`, ...) @param markdown the section's text
 * @param chartDir where the SVGs go, as a path relative to BENCHMARKS.md's folder
 */
export function chartSection(
  id: string,
  markdown: string,
  caption: string,
  chartDir = 'tooling/bench/charts',
): { markdown: string; charts: { file: string; chart: Chart }[] } {
  // An earlier run's image lines go, with the blank line put before each.
  const lines = markdown
    .split('\n')
    .filter((line, i, all) => !IMAGE.test(line.trim()) && !(line === '' && IMAGE.test(all[i + 1]?.trim() ?? '')));
  const out: string[] = [];
  const charts: { file: string; chart: Chart }[] = [];
  let section = '';
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    out.push(line);
    if (line.startsWith('## ')) [section, heading] = [line.slice(3).trim(), ''];
    if (line.startsWith('### ')) heading = line.slice(4).trim();
    const header = HEADER.exec(line.trim());
    if (!header) continue;
    const subject = header[1] as string;
    const bars: Bar[] = [];
    let end = i + 1;
    for (; end < lines.length && (lines[end] as string).trim().startsWith('|'); end++) {
      const row = cells(lines[end] as string);
      if (row[0]?.startsWith('---')) continue;
      const bold = /^\*\*(.*)\*\*$/.exec(row[0] ?? '');
      const name = bold ? (bold[1] as string) : (row[0] ?? '');
      bars.push({ name, ms: parseTime(row[1] ?? ''), ratio: Number(row[3]), ours: bold !== null || name === subject });
    }
    out.push(...lines.slice(i + 1, end));
    i = end - 1;
    if (bars.length === 0 || bars.some((b) => !Number.isFinite(b.ms))) continue;
    const file = `${chartDir}/${id}-${charts.length + 1}.svg`;
    const title = (heading ? `${section}: ${heading}` : section).replaceAll('`', '');
    charts.push({ file, chart: { title, subject, bars, caption } });
    out.push('', `![${title.replaceAll(/[[\]]/g, '')}](${file})`);
  }
  return { markdown: out.join('\n'), charts };
}

/** Escapes text for SVG. */
const esc = (text: string) =>
  text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

/** `104 ms`, `2.78 s`. */
const time = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** Cuts a label to what fits its column (about 7 px a character at 12 px). */
const fit = (text: string, chars: number) => (text.length <= chars ? text : `${text.slice(0, chars - 1)}…`);

/**
 * A horizontal bar chart: one bar per tool, its length the median time (shorter is faster),
 * ours in blue, each bar labelled with its time and its ratio to ours.
 */
export function renderChart(chart: Chart): string {
  const width = 760;
  const row = 22;
  const top = 44;
  const labelChars = Math.min(48, Math.max(...chart.bars.map((b) => b.name.length)));
  const labelW = Math.round(labelChars * 7) + 12;
  const valueW = 120;
  const barMax = width - labelW - valueW - 16;
  const max = Math.max(...chart.bars.map((b) => b.ms));
  const height = top + chart.bars.length * row + 44;
  const bars = chart.bars.map((b, i) => {
    const y = top + i * row;
    const w = Math.max(1, Math.round((b.ms / max) * barMax));
    const weight = b.ours ? ' font-weight="bold"' : '';
    return [
      `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end"${weight}>${esc(fit(b.name, labelChars))}</text>`,
      `<rect x="${labelW}" y="${y + 4}" width="${w}" height="${row - 8}" fill="${b.ours ? '#2f6fde' : '#9aa5b1'}"><title>${esc(b.name)}: ${time(b.ms)}</title></rect>`,
      `<text x="${labelW + w + 6}" y="${y + 15}"${weight}>${time(b.ms)} · ${b.ratio.toFixed(2)}×</text>`,
    ].join('\n  ');
  });
  const foot = height - 28;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" fill="#1f2328" role="img">
  <title>${esc(chart.title)}</title>
  <rect width="${width}" height="${height}" fill="#ffffff"/>
  <text x="12" y="22" font-size="14" font-weight="bold">${esc(chart.title)}</text>
  ${bars.join('\n  ')}
  <text x="12" y="${foot}" fill="#57606a">Median time, shorter is faster; × is each tool's time over ${esc(chart.subject)} (ours, in blue).</text>
  <text x="12" y="${foot + 16}" fill="#57606a">${esc(chart.caption)}</text>
</svg>
`;
}

/** Writes each chart's SVG, at its path relative to `benchmarksFile`'s folder. */
export async function writeCharts(benchmarksFile: string, charts: { file: string; chart: Chart }[]): Promise<void> {
  for (const { file, chart } of charts) {
    const path = join(dirname(benchmarksFile), file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, renderChart(chart));
  }
}

/** The sections of a BENCHMARKS.md text: id, and where its body starts and ends. */
export function sections(text: string): { id: string; from: number; to: number }[] {
  return [...text.matchAll(/<!-- bench:([\w-]+):begin -->\n/g)].map((m) => {
    const from = (m.index as number) + m[0].length;
    return { id: m[1] as string, from, to: text.indexOf(`\n<!-- bench:${m[1]}:end -->`, from) };
  });
}

/** The caption of charts measured now, on this machine: date, cores and CPU, system, Node. */
export function machineCaption(date = new Date()): string {
  const cpu = cpus();
  const model = cpu[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `Measured ${date.toISOString().slice(0, 10)} on ${cpu.length} cores (${model}), ${type()}, Node ${process.version}.`;
}
