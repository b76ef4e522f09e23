import fc from 'fast-check'

import type { Hit } from '../../src/search/window'

import { newestBySlices } from '../../src/search/postgresEngine'

/**
 * PostgreSQL's widening looks for the newest matches (src/search/postgresEngine.ts) against an
 * archive in memory: entries newest first, some matching, some with no publication date (last).
 */
function archive(entries: Array<{ day: number | null; matches: boolean }>) {
  const dated = entries.filter((entry) => entry.day !== null).sort((a, b) => b.day! - a.day!)
  const ordered = [...dated, ...entries.filter((entry) => entry.day === null)].map((entry, index) => ({ ...entry, key: index }))
  const iso = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString()
  const looks: Array<{ n: number; since?: string }> = []
  return {
    all: (n: number): Hit[] => ordered.filter((entry) => entry.matches).slice(0, n).map((entry) => ({ key: entry.key, score: 1 })),
    publishedAtOfNewest: async (count: number) => (dated[count - 1] ? iso(dated[count - 1]!.day!) : undefined),
    look: async (n: number, since?: string): Promise<Hit[]> => {
      looks.push({ n, since })
      return ordered
        .filter((entry) => entry.matches && (since === undefined || (entry.day !== null && iso(entry.day) >= since)))
        .slice(0, n)
        .map((entry) => ({ key: entry.key, score: 1 }))
    },
    looks,
  }
}

describe('the newest matches, looked for among the newest entries first', () => {
  it('finds exactly the newest n matches, whatever the archive and the first look', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ day: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 8 }), matches: fc.boolean() }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 200 }),
        async (entries, n, firstLook) => {
          const { all, publishedAtOfNewest, look } = archive(entries)
          expect(await newestBySlices(n, firstLook, publishedAtOfNewest, look)).toEqual(all(n))
        },
      ),
      { numRuns: 500 },
    )
  })

  it('stops at the first look when it holds enough matches', async () => {
    const { publishedAtOfNewest, look, looks } = archive(Array.from({ length: 1000 }, (_, day) => ({ day, matches: true })))
    expect(await newestBySlices(10, 40, publishedAtOfNewest, look)).toHaveLength(10)
    expect(looks).toHaveLength(1)
    expect(looks[0]!.since).toBeDefined()
  })

  it('looks everywhere at once for a rare word, and for one not found among the newest', async () => {
    const rare = archive(Array.from({ length: 10_000 }, (_, day) => ({ day, matches: day % 1000 === 3 })))
    expect(await newestBySlices(10, 40, rare.publishedAtOfNewest, rare.look)).toHaveLength(10)
    // One narrow look finds 0 or 1 of the 10: the next covers everything, not a slice 250 times wider.
    expect(rare.looks).toHaveLength(2)
    expect(rare.looks[0]!.since).toBeDefined()
    expect(rare.looks[1]!.since).toBeUndefined()
    const none = archive(Array.from({ length: 100 }, (_, day) => ({ day, matches: false })))
    expect(await newestBySlices(10, 40, none.publishedAtOfNewest, none.look)).toEqual([])
    expect(none.looks).toHaveLength(2)
  })
})
