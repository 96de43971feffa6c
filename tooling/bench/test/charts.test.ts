import { describe, expect, it } from 'vitest';
import { chartSection, renderChart } from '../src/charts.js';
import { timingsOf } from '../src/compare.js';
import { markdownTable } from '../src/report.js';

const section = `## @sys/demo

### Task A: sum the numbers

| tool | median | fastest | × ours |
|---|---:|---:|---:|
| fast \\| tool | 50 ms | 45 ms | 0.50 |
| **ours** | 100 ms | 90 ms | 1.00 |
| slow tool | 2.00 s | 1.90 s | 20.00 |

Some words.

| trials | refused |
|---|---:|
| 10 | 10 |
`;

describe('chartSection', () => {
  const { markdown, charts } = chartSection('demo', section, 'Measured today.');

  it('charts each timing table, from its rows, and links the chart under the table', () => {
    expect(charts).toHaveLength(1);
    expect(charts[0]?.file).toBe('tooling/bench/charts/demo-1.svg');
    expect(charts[0]?.chart).toMatchObject({
      title: '@sys/demo: Task A: sum the numbers',
      subject: 'ours',
      bars: [
        { name: 'fast | tool', ms: 50, ratio: 0.5, ours: false },
        { name: 'ours', ms: 100, ratio: 1, ours: true },
        { name: 'slow tool', ms: 2000, ratio: 20, ours: false },
      ],
    });
    expect(markdown).toContain(
      '| slow tool | 2.00 s | 1.90 s | 20.00 |\n\n![@sys/demo: Task A: sum the numbers](tooling/bench/charts/demo-1.svg)\n\nSome words.',
    );
  });

  it('changes nothing when run again on its own output', () => {
    expect(chartSection('demo', markdown, 'Measured today.').markdown).toBe(markdown);
  });
});

describe('renderChart', () => {
  const chart = chartSection('demo', section, 'Measured <today> & here.').charts[0]?.chart;
  const svg = renderChart(chart ?? expect.unreachable());

  it('draws one bar per tool, its length the median, ours in blue', () => {
    const bars = [...svg.matchAll(/<rect x="\d+" y="\d+" width="(\d+)" height="\d+" fill="(#\w+)">/g)];
    expect(bars.map((b) => b[2])).toEqual(['#9aa5b1', '#2f6fde', '#9aa5b1']);
    const [fast, ours, slow] = bars.map((b) => Number(b[1]));
    expect((ours as number) / (fast as number)).toBeCloseTo(2, 0);
    expect((slow as number) / (ours as number)).toBeCloseTo(20, 0);
  });

  it('labels each bar with its time and ratio, and escapes the caption', () => {
    expect(svg).toContain('2.00 s · 20.00×');
    expect(svg).toContain('Measured &lt;today&gt; &amp; here.');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
});

describe('timing tables with the spread of the runs', () => {
  it('shows each tool fastest – slowest next to its median, and still charts the table', () => {
    const timings = timingsOf(
      new Map([
        ['ours', [120, 100, 90, 300]],
        ['peer', [200, 210, 190]],
      ]),
      'ours',
    );
    const table = markdownTable(timings, 'ours');
    expect(table).toBe(
      [
        '| tool | median | spread | × ours |',
        '|---|---:|---:|---:|',
        '| **ours** | 110 ms | 90 ms – 300 ms | 1.00 |',
        '| peer | 200 ms | 190 ms – 210 ms | 1.82 |',
      ].join('\n'),
    );
    const { charts } = chartSection('spread', `## s\n\n${table}\n`, 'today');
    expect(charts[0]?.chart.bars.map((b) => [b.name, b.ms])).toEqual([
      ['ours', 110],
      ['peer', 200],
    ]);
  });
});
