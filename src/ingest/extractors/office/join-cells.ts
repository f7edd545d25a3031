/** Lays out one table row as a tab-separated line, the shape every spreadsheet and table
 *  reader here gives its rows. */

// A row with one cell in column XFD would otherwise start with 16,383 tabs.
const MAX_EMPTY_CELLS_KEPT = 64

/**
 * The non-empty cells of a row, given as [column, text], as one line: a tab between columns
 * and one more for each empty column between them (at most 64).
 *
 * @example joinCells([[0, 'Name'], [2, 'Amount']]) // → 'Name\t\tAmount'
 */
export function joinCells(cells: readonly (readonly [number, string])[]): string {
  // Writers put cells in column order; a file that does not must not scramble the row.
  const ordered = cells.every(([column], at) => at === 0 || column > (cells[at - 1]?.[0] ?? 0))
    ? cells
    : [...cells].sort((a, b) => a[0] - b[0])
  let line = ''
  let previous = -1
  for (const [column, text] of ordered) {
    const gap = Math.min(Math.max(0, column - previous - 1), MAX_EMPTY_CELLS_KEPT)
    line += (previous < 0 ? '' : '\t') + '\t'.repeat(gap) + text
    previous = column
  }
  return line
}

/** Whitespace that would break the one-row-per-line layout becomes a space. */
export function cellText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}
