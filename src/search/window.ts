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
  /** The newest `n` matches (all of them when fewer match), newest first, each with its score. */
  newest: (n: number) => Promise<Hit[]>
  /** The stored article and body of these hits. */
  rows: (keys: number[]) => Promise<Map<number, Omit<SearchRow, 'score'>>>
}

/** How many of the newest matches one search reads: enough to count up to one past its cap, rank its window and reach its page. */
export const matchesRead = (request: Pick<SearchRequest, 'countCap' | 'limit' | 'page' | 'rankWindow'>) =>
  Math.max(countCapOf(request) + 1, request.rankWindow ?? RANK_WINDOW, request.page * request.limit)

/** The window ranked best first (ties to the newer), then the older matches as they came, newest first. */
export function byRelevance(newestFirst: Hit[], window: number): Hit[] {
  const ranked = newestFirst
    .slice(0, window)
    .map((hit, age) => ({ hit, age }))
    .sort((a, b) => b.hit.score - a.hit.score || a.age - b.age)
    .map(({ hit }) => hit)
  return [...ranked, ...newestFirst.slice(window)]
}

/**
 * One page of a search, from one read of the newest matches (at most `matchesRead`: 1,001 at the
 * default limit, whatever the size of the archive): they give the count up to its cap, the ranked
 * window and, past it, the older matches newest first. With `sort=newest`, a slice of them as they
 * came. Only a page's rows are read.
 */
export async function windowedSearch(request: SearchRequest, engine: EngineQueries): Promise<{ rows: SearchRow[]; total: number }> {
  const matches = await engine.newest(matchesRead(request))
  const ordered = request.sort === 'newest' ? matches : byRelevance(matches, request.rankWindow ?? RANK_WINDOW)
  const offset = (request.page - 1) * request.limit
  const hits = ordered.slice(offset, offset + request.limit)
  if (hits.length === 0) return { rows: [], total: matches.length }
  const rows = await engine.rows(hits.map((hit) => hit.key))
  return {
    // An entry removed between the queries (an unpublish meanwhile) is left out.
    rows: hits.flatMap((hit) => {
      const row = rows.get(hit.key)
      return row ? [{ ...row, score: hit.score }] : []
    }),
    total: matches.length,
  }
}
