/**
 * Executions per day as an inline SVG bar chart drawn on the server, because the status page's CSP
 * allows no script. Each bar group carries `data-*` attributes with the raw numbers for tools and tests.
 */
import type { DayCount } from '../domain/operations.ts';
import { html, raw, type SafeHtml } from './html.ts';

const width = 600;
const height = 160;
const top = 16;
const bottom = 20;

/** One stacked segment of a bar; a segment of no height is left out. */
const segment = (x: string, y: number, barWidth: string, barHeight: number, fill: string): SafeHtml =>
  barHeight > 0
    ? html`<rect x="${x}" y="${y.toFixed(1)}" width="${barWidth}" height="${barHeight.toFixed(1)}"
      fill="${fill}"></rect>`
    : raw('');

/** Bars of executions per day (unsuccessful ones stacked in red), with the day of month below each. */
export function executionsChart(days: readonly DayCount[]): SafeHtml {
  const slot = width / Math.max(1, days.length);
  const max = Math.max(1, ...days.map((d) => d.total));
  const scale = (n: number) => ((height - top - bottom) * n) / max;
  const total = days.reduce((sum, d) => sum + d.total, 0);
  const base = height - bottom;
  const bars = days.map((day, i) => {
    const x = (i * slot + slot * 0.15).toFixed(1);
    const barWidth = (slot * 0.7).toFixed(1);
    const okHeight = scale(day.total - day.unsuccessful);
    const badHeight = scale(day.unsuccessful);
    const labelX = (i * slot + slot / 2).toFixed(1);
    return html`
  <g class="day" data-date="${day.date}" data-total="${day.total}" data-unsuccessful="${day.unsuccessful}">
    <title>${day.date}: ${day.total} started, ${day.unsuccessful} unsuccessful</title>
    ${segment(x, base - okHeight, barWidth, okHeight, '#4a6fa5')}
    ${segment(x, base - okHeight - badHeight, barWidth, badHeight, '#b42318')}
    <text x="${labelX}" y="${height - 6}" font-size="10" text-anchor="middle" fill="#555">${day.date.slice(8)}</text>
  </g>`;
  });
  return html`<svg id="executions-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}"
  width="100%" role="img" aria-labelledby="chart-title" data-total="${total}" data-max="${max}">
  <title id="chart-title">Executions started per day, last ${days.length} days: ${total} in all</title>
  <line x1="0" y1="${base}" x2="${width}" y2="${base}" stroke="#999"></line>
  <text x="2" y="11" font-size="10" fill="#555">${max} per day</text>${bars}
</svg>`;
}
