import type { Payload, PayloadRequest } from 'payload'

import type { EditionCode } from '../editions/locales'
import type { SearchEntry } from './entries'
import type { ParsedQuery } from './query'

/** One search, its query already parsed and its filters resolved to ids. */
export type SearchRequest = {
  query: ParsedQuery
  locale: EditionCode
  tag?: string
  author?: string
  /** ISO dates: published at or after `from`, before `to`. */
  from?: string
  to?: string
  sort: 'relevance' | 'newest'
  limit: number
  page: number
  /** How many of the newest matches relevance ranks (src/search/window.ts); RANK_WINDOW unless a test asks for fewer. */
  rankWindow?: number
  /** How many matches are counted (src/search/limits.ts); as many as the pages reach unless a test asks for fewer. */
  countCap?: number
  /** PostgreSQL: how many of the newest entries its first look for matches covers (src/search/postgresEngine.ts); tests ask for few. */
  firstLook?: number
}

/** A matched article: its public JSON (as the delivery store holds it) and its body for the snippet. */
export type SearchRow = { json: string; bodyText: string; body: string; score: number }

/**
 * What the CMS asks of a search engine. The built-in ones are the databases' own full-text search
 * (src/search/sqliteEngine.ts, postgresEngine.ts), written in the same transaction as the change
 * they index; a deployment can put an external engine behind the same interface (docs/search.md).
 */
export interface SearchEngine {
  readonly name: string
  /** A page of matches, and how many match: counted up to one past the request's count cap at least (src/search/window.ts). */
  search(payload: Payload, request: SearchRequest): Promise<{ rows: SearchRow[]; total: number }>
  /** Writes (inserts or replaces) entries, in the caller's transaction when `req` has one. */
  write(payload: Payload, entries: SearchEntry[], req?: Partial<PayloadRequest>): Promise<void>
  remove(payload: Payload, ids: number[], req?: Partial<PayloadRequest>): Promise<void>
  /** Entries whose article is written by this author or carries this tag. */
  idsShowing(payload: Payload, collection: 'authors' | 'tags', id: string, req?: Partial<PayloadRequest>): Promise<number[]>
  /** Entries held, and the format they were built under (undefined before the first build). */
  state(payload: Payload): Promise<{ entries: number; format?: string }>
  /** Empties the index and records the format it is being rebuilt under. */
  reset(payload: Payload, format: string): Promise<void>
  /** Records the format of an index that is empty, or already in that format. */
  setFormat(payload: Payload, format: string): Promise<void>
}
