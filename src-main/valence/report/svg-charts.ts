/**
 * Inline SVG charts for the HTML report: plain strings, no scripts, no remote assets, so the page
 * opens anywhere (a file:// URL, the app's webview, an e-mail attachment).
 */

export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#9c755f'];

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface BarSeries {
  name: string;
  values: (number | null)[];
}

export interface GroupedBarsOptions {
  categories: string[];
  series: BarSeries[];
  yLabel: string;
  /** Upper end of the axis; by default the largest value rounded up. */
  yMax?: number;
  format?: (v: number) => string;
  width?: number;
  height?: number;
}

/** Vertical bars, one group per category, one bar per series; null values leave a gap. */
export function groupedBars(o: GroupedBarsOptions): string {
  const width = o.width ?? 760;
  const height = o.height ?? 300;
  const m = { top: 16, right: 12, bottom: 64, left: 56 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const all = o.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const yMax = o.yMax ?? niceCeil(Math.max(1e-9, ...all));
  const fmt = o.format ?? ((v: number) => String(+v.toFixed(2)));
  const y = (v: number) => m.top + plotH * (1 - Math.min(v, yMax) / yMax);
  const groupW = plotW / Math.max(1, o.categories.length);
  const barW = (groupW * 0.8) / Math.max(1, o.series.length);
  const parts: string[] = [];
  const ticks = isRound(yMax / 5) ? 5 : 4;
  for (let i = 0; i <= ticks; i++) {
    const v = (yMax * i) / ticks;
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${m.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${escapeXml(fmt(v))}</text>`);
  }
  o.categories.forEach((cat, ci) => {
    const gx = m.left + ci * groupW + groupW * 0.1;
    o.series.forEach((s, si) => {
      const v = s.values[ci];
      if (v === null || !Number.isFinite(v)) return;
      const x = gx + si * barW;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${Math.max(1, barW - 1).toFixed(1)}" height="${(m.top + plotH - y(v)).toFixed(1)}" fill="${PALETTE[si % PALETTE.length]}"><title>${escapeXml(`${s.name} · ${cat}: ${fmt(v)}`)}</title></rect>`,
      );
    });
    // A category may carry a second line after '\n' (Fig. 2 puts the co-occurrence rate there).
    const cx = (m.left + (ci + 0.5) * groupW).toFixed(1);
    const lines = cat.split('\n').map((l, li) => `<tspan x="${cx}" dy="${li === 0 ? 0 : 13}">${escapeXml(l)}</tspan>`);
    parts.push(`<text x="${cx}" y="${height - m.bottom + 16}" text-anchor="middle" font-size="11">${lines.join('')}</text>`);
  });
  parts.push(`<text x="14" y="${m.top + plotH / 2}" transform="rotate(-90 14 ${m.top + plotH / 2})" text-anchor="middle" font-size="12">${escapeXml(o.yLabel)}</text>`);
  const legend = o.series.map((s, si) => {
    const x = m.left + si * Math.min(160, plotW / Math.max(1, o.series.length));
    return `<rect x="${x}" y="${height - 24}" width="10" height="10" fill="${PALETTE[si % PALETTE.length]}"/><text x="${x + 14}" y="${height - 15}" font-size="11">${escapeXml(s.name)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${parts.join('')}${legend.join('')}</svg>`;
}

/** A square matrix as shaded cells (darker = larger share of its row), with counts written in. */
export function heatmap(matrix: number[][], labels: string[], title: string): string {
  const n = matrix.length;
  const cell = 34;
  const pad = 40;
  const size = pad + n * cell + 8;
  const parts: string[] = [];
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((v, j) => {
      const share = total > 0 ? v / total : 0;
      const shade = Math.round(255 - 200 * share);
      parts.push(
        `<rect x="${pad + j * cell}" y="${pad + i * cell}" width="${cell - 1}" height="${cell - 1}" fill="rgb(${shade},${shade},255)"><title>${escapeXml(`true ${labels[i]}, predicted ${labels[j]}: ${v}`)}</title></rect>`,
        `<text x="${pad + j * cell + cell / 2}" y="${pad + i * cell + cell / 2 + 4}" text-anchor="middle" font-size="10" fill="${share > 0.5 ? '#fff' : '#222'}">${v}</text>`,
      );
    });
    parts.push(`<text x="${pad - 6}" y="${pad + i * cell + cell / 2 + 4}" text-anchor="end" font-size="11">${escapeXml(labels[i])}</text>`);
    parts.push(`<text x="${pad + i * cell + cell / 2}" y="${pad - 8}" text-anchor="middle" font-size="11">${escapeXml(labels[i])}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeXml(title)}"><text x="4" y="14" font-size="11">true ↓ predicted →</text>${parts.join('')}</svg>`;
}

/** 1, 2 or 5 times a power of ten: a gridline step people read at a glance. */
function isRound(x: number): boolean {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].some((k) => Math.abs(x - k * p) < 1e-9 * p);
}

function niceCeil(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 2.5, 5, 10].map((k) => k * p).find((v) => v >= x)!;
}
