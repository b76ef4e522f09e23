import { mergedReport } from '../../bench/api/mergedReport'

const report = (search: string, build: string, runAt: string) => `# Benchmarks

| database | articles | scenario | CMS req/s | baseline req/s | ratio | CMS p50 / p99 ms | baseline p50 / p99 ms | p99 ratio |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| sqlite | 10,000 | latest 20, REST (uncached) | 196 | 301 | 0.65 | 41 / 128 | 34 / 47 | 2.7 |
| sqlite | 10,000 | search, one word, REST (uncached) | ${search} | 134 | 0.53 | 146 / 253 | 69 / 276 | 0.9 |

## Growth from the smallest to the largest size (CMS p50)

| database | scenario | p50 small → large ms | growth |
| --- | --- | --- | --- |
| sqlite | latest 20, REST (uncached) | 41 → 49 | 1.20× |
| sqlite | search, one word, REST (uncached) | ${search} → 146 | 1.00× |

## Search index build

| database | articles | entries | build s |
| --- | --- | --- | --- |
| sqlite | 10,000 | 20,000 | ${build} |

Run at ${runAt} on Node v20.`

describe('a benchmark run of some scenarios', () => {
  const full = report('71', '23.9', '2026-12-02T18:17:35.718Z')
  const partial = report('99', '12.0', '2026-12-03T12:00:00.000Z')
    .split('\n')
    .filter((line) => !line.includes('latest 20'))
    .join('\n')

  it('replaces only the rows it measured, in every table, and says when', () => {
    const merged = mergedReport(full, partial, 'search', new Date('2026-12-03T12:00:00Z'))
    expect(merged).toContain('| sqlite | 10,000 | search, one word, REST (uncached) | 99 | 134 |')
    expect(merged).toContain('| sqlite | search, one word, REST (uncached) | 99 → 146 | 1.00× |')
    expect(merged).toContain('| sqlite | 10,000 | 20,000 | 12.0 |')
    expect(merged).toContain('| sqlite | 10,000 | latest 20, REST (uncached) | 196 | 301 |')
    expect(merged).toContain('| sqlite | latest 20, REST (uncached) | 41 → 49 | 1.20× |')
    expect(merged).toContain('Run at 2026-12-02T18:17:35.718Z')
    expect(merged).toMatch(/Run at 2026-12-02T18:17:35.718Z on Node v20.\n\nRows of scenarios matching `search`, the rebuild and build times re-measured at 2026-12-03T12:00:00.000Z/)
    expect(merged.split('\n')).toHaveLength(full.split('\n').length + 2)
  })

  it('keeps one note when run again', () => {
    const once = mergedReport(full, partial, 'search', new Date('2026-12-03T12:00:00Z'))
    const twice = mergedReport(once, partial, 'phrase', new Date('2026-12-03T13:00:00Z'))
    expect(twice.match(/Rows of scenarios matching/g)).toHaveLength(1)
    expect(twice).toContain('matching `phrase`')
    expect(twice.split('\n')).toHaveLength(once.split('\n').length)
  })
})
