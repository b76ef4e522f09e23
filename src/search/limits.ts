import type { SearchRequest } from './engine'

export const SEARCH_DEFAULT_LIMIT = 10
export const SEARCH_MAX_LIMIT = 50
/** Deeper pages cost the engine every hit above them; no reader pages this far. */
export const SEARCH_MAX_PAGE = 100

/** The fewest matches a search counts, whatever its `limit`: a frontend asking `limit=1` for a count gets one up to here. */
export const SEARCH_MIN_COUNT = 1000

/**
 * How many matches a search counts: as many as its pages can reach (SEARCH_MAX_PAGE pages of its
 * `limit`), and at least SEARCH_MIN_COUNT, so 1,000 at the default limit and 5,000 at 50.
 * Counting every match of a common word would cost time in proportion to the archive (a tenth of
 * it, at 100k articles) for a figure no reader can page to. Past the cap `totalDocs` is the cap
 * and `totalDocsExact` is false: a frontend shows "1,000+ articles". docs/search.md says so to
 * readers' developers.
 */
export const countCapOf = (request: Pick<SearchRequest, 'countCap' | 'limit'>) => request.countCap ?? Math.max(SEARCH_MIN_COUNT, SEARCH_MAX_PAGE * request.limit)

/** The pages a search has: as many as its counted matches fill, and no more than a reader may ask for. */
export const pagesOf = (totalDocs: number, limit: number) => Math.min(SEARCH_MAX_PAGE, Math.ceil(totalDocs / limit))
