import type { Payload, PayloadRequest } from 'payload'

import type { EditionCode } from '../editions/locales'
import type { SearchRequest, SearchRow } from './engine'
import type { Snippet } from './snippet'

import { fallbackSearch } from './fallbackSearch'
import { searchEngineOf } from './indexing'
import { parseQuery, QueryError, wantedWords } from './query'
import { isSearchReady } from './readiness'
import { snippetOf } from './snippet'
import { countCapOf, pagesOf, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, SEARCH_MAX_PAGE } from './limits'

export { SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, SEARCH_MAX_PAGE } from './limits'

/** What a reader may ask for: every parameter as the API receives it (REST strings, GraphQL values). */
export type SearchParams = {
  q?: unknown
  tag?: unknown
  author?: unknown
  from?: unknown
  to?: unknown
  sort?: unknown
  limit?: unknown
  page?: unknown
}

export type SearchHit = { json: string; score: number; snippet: Snippet }
export type SearchResults = {
  hits: SearchHit[]
  /** Every match, or the count cap when there are more (src/search/limits.ts). */
  totalDocs: number
  /** False when there are more matches than totalDocs: more than the pages can reach. */
  totalDocsExact: boolean
  limit: number
  page: number
  totalPages: number
  hasNextPage: boolean
  hasPrevPage: boolean
  nextPage: null | number
  prevPage: null | number
  pagingCounter: number
}

export class SearchUnavailable extends Error {}
export { QueryError as SearchInputError }

const text = (value: unknown, name: string): string | undefined => {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new QueryError(`${name} is text.`)
  return value
}

function wholeNumber(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined || value === null || value === '') return fallback
  const number = typeof value === 'number' ? value : /^\d{1,6}$/.test(String(value)) ? Number(value) : Number.NaN
  if (!Number.isInteger(number) || number < 1) throw new QueryError(`${name} is a whole number from 1 to ${max}.`)
  if (number > max) throw new QueryError(`${name} is at most ${max}.`)
  return number
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/
/** The last instant both databases can compare (PostgreSQL's timestamps end in year 294276, JavaScript's dates are kept to 9999 here). */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

/** Whether a year, month and day name a day that exists (2026-02-30 does not). */
const isRealDay = (year: number, month: number, day: number) => year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0)
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/** `from` and `to` as instants: a date means the whole day (UTC), both ends included. */
function instant(value: string | undefined, name: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined
  const dateOnly = DATE_ONLY.exec(value)
  const dateTime = dateOnly ? undefined : DATE_TIME.exec(value)
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = ((dateOnly ?? dateTime)?.slice(1) ?? []).map((part) => (part === undefined ? 0 : Number(part)))
  const valid = (dateOnly || dateTime) && isRealDay(year!, month!, day!) && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 23 && offsetMinutes <= 59
  if (!valid) throw new QueryError(`${name} is a date (2026-05-31) or a date and time (2026-05-31T18:00:00Z), not "${value.slice(0, 40)}".`)
  const date = new Date(0)
  if (dateOnly) date.setUTCFullYear(year!, month! - 1, day!) // (Date.UTC would read the years before 100 as 19xx)
  else date.setTime(Date.parse(value))
  if (name === 'to') {
    const end = date.getTime() + (dateOnly ? 86_400_000 : 1)
    // Everything is published before the end of year 9999: no upper bound at all.
    return end > LAST_INSTANT ? undefined : new Date(end).toISOString()
  }
  return new Date(Math.min(date.getTime(), LAST_INSTANT)).toISOString()
}

/** A tag or author named by its slug in the edition, or by its id. */
async function resolveFilter(payload: Payload, collection: 'authors' | 'tags', value: string | undefined, locale: EditionCode, req?: Partial<PayloadRequest>): Promise<string | undefined> {
  if (value === undefined || value === '') return undefined
  if (value.length > 200) throw new QueryError(`${collection === 'tags' ? 'tag' : 'author'} is a slug or an id.`)
  const or: Array<Record<string, unknown>> = [{ slug: { equals: value } }]
  if (/^\d{1,12}$/.test(value)) or.push({ id: { equals: Number(value) } })
  const { docs } = await payload.find({ collection, where: { or } as never, locale, depth: 0, limit: 1, pagination: false, select: {}, overrideAccess: true, req })
  if (docs.length === 0) throw new QueryError(`No ${collection === 'tags' ? 'tag' : 'author'} "${value.slice(0, 60)}" in this edition: give its slug or id.`)
  return String(docs[0]!.id)
}

/** A reader's search request checked and resolved, or a QueryError saying what to change. */
export async function searchRequestOf(payload: Payload, params: SearchParams, locale: EditionCode, req?: Partial<PayloadRequest>): Promise<SearchRequest> {
  const q = text(params.q, 'q')
  if (q === undefined) throw new QueryError('Give words to search for: q=…')
  const query = parseQuery(q)
  const sort = text(params.sort, 'sort') || 'relevance'
  if (sort !== 'relevance' && sort !== 'newest') throw new QueryError('sort is relevance (the default) or newest.')
  const from = instant(text(params.from, 'from'), 'from')
  const to = instant(text(params.to, 'to'), 'to')
  if (from && to && from >= to) throw new QueryError('from is after to: give the earlier date as from.')
  const [tag, author] = await Promise.all([
    resolveFilter(payload, 'tags', text(params.tag, 'tag'), locale, req),
    resolveFilter(payload, 'authors', text(params.author, 'author'), locale, req),
  ])
  return {
    query,
    locale,
    tag,
    author,
    from,
    to,
    sort,
    limit: wholeNumber(params.limit, 'limit', SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT),
    page: wholeNumber(params.page, 'page', 1, SEARCH_MAX_PAGE),
  }
}

/** Published articles of one edition matching a search, best first (or newest), with snippets. */
export async function search(payload: Payload, request: SearchRequest): Promise<SearchResults> {
  const engine = searchEngineOf(payload)
  if (engine && !isSearchReady(payload)) throw new SearchUnavailable('Search is starting: its index is being built. Try again in a few seconds.')
  const { rows, total }: { rows: SearchRow[]; total: number } = engine ? await engine.search(payload, request) : await fallbackSearch(payload, request)
  const terms = wantedWords(request.query)
  const { limit, page } = request
  const cap = countCapOf(request)
  const totalDocs = Math.min(total, cap)
  const totalPages = pagesOf(totalDocs, limit)
  return {
    hits: rows.map((row) => ({ json: row.json, score: Math.round(row.score * 1e6) / 1e6, snippet: snippetOf(row.bodyText, terms, row.body) })),
    totalDocs,
    totalDocsExact: total <= cap,
    limit,
    page,
    totalPages,
    hasNextPage: page < totalPages,
    hasPrevPage: page > 1,
    nextPage: page < totalPages ? page + 1 : null,
    prevPage: page > 1 ? page - 1 : null,
    pagingCounter: (page - 1) * limit + 1,
  }
}

/** The REST body: Payload's list shape, each doc an article (its public JSON) with its score and snippet. */
export function searchBody(results: SearchResults): string {
  const { hits, ...meta } = results
  const docs = hits.map((hit) => `{"article":${hit.json},"score":${hit.score},"snippet":${JSON.stringify(hit.snippet)}}`)
  return `{"docs":[${docs.join(',')}],${JSON.stringify(meta).slice(1)}`
}
