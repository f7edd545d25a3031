/** Draws the benchmark's ratios as a self-contained SVG bar chart: one horizontal bar per
 *  comparison on a logarithmic axis, the ×1 line (as fast as the baseline) and each target as a
 *  tick. No fonts or scripts are loaded from anywhere. */

/** One bar: how many times faster Daleel is than the baseline (above 1: Daleel is faster). */
export interface ChartBar {
  readonly group: string
  readonly label: string
  readonly ratio: number
  /** The ratio the issue asks for, if any. */
  readonly target?: number
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/gu, (c) => `&#${c.charCodeAt(0)};`)

export function renderChart(bars: readonly ChartBar[], title: string): string {
  const shown = bars.filter((bar) => Number.isFinite(bar.ratio) && bar.ratio > 0)
  const labelWidth = 430
  const plotWidth = 440
  const rowHeight = 22
  const top = 56
  const groups = [...new Set(shown.map((bar) => bar.group))]
  const height = top + (shown.length + groups.length) * rowHeight + 40
  const width = labelWidth + plotWidth + 90
  const values = shown.flatMap((bar) => [bar.ratio, bar.target ?? bar.ratio])
  const low = Math.min(0.01, ...values.map((v) => 10 ** Math.floor(Math.log10(v))))
  const high = Math.max(10, ...values.map((v) => 10 ** Math.ceil(Math.log10(v))))
  const x = (value: number): number =>
    labelWidth +
    ((Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) * plotWidth
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="12" y="40" fill="#555">Bars: times faster than the baseline in the same run (log scale; right of ×1 Daleel is faster). Ticks: targets.</text>`,
  )
  const bottom = height - 30
  for (let decade = low; decade <= high * 1.0001; decade *= 10) {
    const px = x(decade).toFixed(1)
    parts.push(
      `<line x1="${px}" y1="${top - 6}" x2="${px}" y2="${bottom}" stroke="${Math.abs(decade - 1) < 1e-9 ? '#333' : '#ddd'}" stroke-width="${Math.abs(decade - 1) < 1e-9 ? 1.5 : 1}"/>`,
      `<text x="${px}" y="${bottom + 16}" text-anchor="middle" fill="#555">×${decade >= 1 ? decade.toFixed(0) : String(Number(decade.toPrecision(1)))}</text>`,
    )
  }
  let y = top
  for (const group of groups) {
    parts.push(`<text x="12" y="${y + 15}" font-weight="bold">${escapeXml(group)}</text>`)
    y += rowHeight
    for (const bar of shown.filter((b) => b.group === group)) {
      const met = bar.target === undefined ? null : bar.ratio >= bar.target
      const colour = met === null ? '#4a7ab8' : met ? '#3a9a5b' : '#c8553d'
      const start = x(Math.max(low, Math.min(1, bar.ratio)))
      const end = x(Math.max(1, bar.ratio))
      parts.push(
        `<text x="24" y="${y + 15}">${escapeXml(bar.label)}</text>`,
        `<rect x="${start.toFixed(1)}" y="${y + 4}" width="${Math.max(1, end - start).toFixed(1)}" height="${rowHeight - 8}" fill="${colour}"/>`,
        `<text x="${(x(Math.max(1, bar.ratio, bar.target ?? 0)) + 6).toFixed(1)}" y="${y + 15}" fill="#222">×${bar.ratio < 0.1 ? bar.ratio.toFixed(3) : bar.ratio.toFixed(2)}</text>`,
      )
      if (bar.target !== undefined) {
        const tx = x(bar.target).toFixed(1)
        parts.push(
          `<line x1="${tx}" y1="${y + 1}" x2="${tx}" y2="${y + rowHeight - 1}" stroke="#000" stroke-width="2" stroke-dasharray="3 2"/>`,
        )
      }
      y += rowHeight
    }
  }
  parts.push('</svg>', '')
  return parts.join('\n')
}
