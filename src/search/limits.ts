import type { SearchRequest } from './engine'

export const SEARCH_DEFAULT_LIMIT = 10
export const SEARCH_MAX_LIMIT = 50
/** Deeper pages cost the engine every hit above them; no reader pages this far. */
export const SEARCH_MAX_PAGE = 100

/**
 * How many matches a search counts: as many as its pages can reach (SEARCH_MAX_PAGE pages of its
 * `limit`), so 1,000 at the default limit. Counting every match of a common word would cost time
 * in proportion to the archive (a tenth of it, at 100k articles) for a figure no reader can page
 * to. Past the cap `totalDocs` is the cap and `totalDocsExact` is false: a frontend shows
 * "1,000+ articles". docs/search.md says so to readers' developers.
 */
export const countCapOf = (request: Pick<SearchRequest, 'countCap' | 'limit'>) => request.countCap ?? SEARCH_MAX_PAGE * request.limit
