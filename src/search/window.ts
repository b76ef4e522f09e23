import type { SearchRequest, SearchRow } from './engine'

import { countCapOf } from './limits'

/**
 * How many matches relevance ranks: the newest ones, by publication date. Older matches follow
 * them, newest first. Ranking every match would cost time in proportion to how many there are
 * (a common word matches a tenth of a 100k-article archive); ranking a fixed number keeps a
 * search as fast at 100k articles as at 10k, and for news the newest matches are the ones readers
 * want first. Below this many matches (nearly every search) every match is ranked.
 * docs/search.md says so to readers' developers.
 */
export const RANK_WINDOW = 1000

/** A matched entry by the engine's key for it, and its relevance score (higher is better). */
export type Hit = { key: number; score: number }

/** What an engine answers for one search; `windowedSearch` puts a page together from them. */
export type EngineQueries = {
  /** How many entries match, counting no further than `upTo`. */
  count: (upTo: number) => Promise<number>
  /** The newest `window` matches, ranked best first (ties to the newer): a slice of them. */
  ranked: (window: number, offset: number, limit: number) => Promise<Hit[]>
  /** All matches, newest first: a slice of them. */
  newest: (offset: number, limit: number) => Promise<Hit[]>
  /** The stored article and body of these hits. */
  rows: (keys: number[]) => Promise<Map<number, Omit<SearchRow, 'score'>>>
}

/**
 * One page of a search: with `sort=newest`, a slice of the newest-first matches; by relevance,
 * the ranked window first, then the older matches newest first. Only a page's rows are read.
 */
export async function windowedSearch(request: SearchRequest, engine: EngineQueries): Promise<{ rows: SearchRow[]; total: number }> {
  const offset = (request.page - 1) * request.limit
  const byNewest = request.sort === 'newest'
  const window = request.rankWindow ?? RANK_WINDOW
  const firstHits = byNewest ? engine.newest(offset, request.limit) : offset < window ? engine.ranked(window, offset, request.limit) : Promise.resolve([])
  // One past the cap tells whether there are more than the cap.
  const [total, first] = await Promise.all([engine.count(countCapOf(request) + 1), firstHits])
  let hits = first
  const missing = request.limit - first.length
  if (!byNewest && missing > 0 && total > window && offset + first.length < total) {
    // The page runs past the ranked window: the rest comes from the older matches, newest first.
    hits = [...first, ...(await engine.newest(Math.max(offset, window), missing))]
  }
  if (hits.length === 0) return { rows: [], total }
  const rows = await engine.rows(hits.map((hit) => hit.key))
  return {
    // An entry removed between the queries (an unpublish meanwhile) is left out.
    rows: hits.flatMap((hit) => {
      const row = rows.get(hit.key)
      return row ? [{ ...row, score: hit.score }] : []
    }),
    total,
  }
}
