/**
 * A run of some scenarios (BENCH_SCENARIOS) updates their rows in the last full report: a row of
 * the new report replaces the old row with the same leading cells (database, size and scenario;
 * database and scenario in the growth table; database and size in the rebuild tables), and a line
 * says which rows were measured when. Rows the run did not measure keep their figures.
 */
export function mergedReport(previous: string, partial: string, only: string, at: Date): string {
  const cells = (line: string) => line.split('|').slice(1, -1).map((cell) => cell.trim())
  const isRow = (line: string) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| database')
  const keyOf = (line: string, section: string) => {
    const row = cells(line)
    // The main table's rows start with a size (a number); the growth table's with a scenario.
    return `${section}|${row[0]}|${row[1]}|${/^[\d,]+$/.test(row[1] ?? '') && row.length > 4 ? row[2] : ''}`
  }
  const rowsOf = (text: string) => {
    const rows = new Map<string, string>()
    let section = ''
    for (const line of text.split('\n')) {
      if (line.startsWith('## ')) section = line
      else if (isRow(line)) rows.set(keyOf(line, section), line)
    }
    return rows
  }
  const fresh = rowsOf(partial)
  let section = ''
  // An earlier partial run's note goes: this run's replaces it.
  const lines = previous.replace(/\n\nRows of scenarios matching[^\n]*/g, '').split('\n')
  const merged = lines.map((line) => {
    if (line.startsWith('## ')) section = line
    return isRow(line) ? (fresh.get(keyOf(line, section)) ?? line) : line
  })
  const runAt = merged.findIndex((line) => line.startsWith('Run at '))
  const note = `Rows of scenarios matching \`${only}\`, the rebuild and build times re-measured at ${at.toISOString()} (\`BENCH_SCENARIOS=${only} npm run bench\`); the others are from the full run.`
  merged.splice(runAt === -1 ? merged.length : runAt + 1, 0, '', note)
  return merged.join('\n')
}
