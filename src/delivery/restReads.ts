import type { Request as ExpressRequest } from 'express'
import type { Payload, PayloadRequest } from 'payload'

import { headersWithCors } from 'payload'

import type { StoreFilter } from './store'

import { readerFallbackFor } from '../editions/fallback'
import { isEditionCode } from '../editions/locales'
import { isAnonymous } from '../http/requestUser'
import { isDeliveryReady } from './readiness'
import { DELIVERY_DEPTH } from './render'
import { countMatching, hasDeliveryStore, pageJson } from './store'

/** Payload's default page size. */
export const DEFAULT_LIMIT = 10
/** Larger pages go through Payload. */
export const MAX_LIMIT = 100
const ALLOWED = new Set(['limit', 'page', 'depth', 'sort', 'pagination', 'where[slug][equals]', 'locale', 'fallback-locale'])

export type StoreRead = { filter: StoreFilter; limit: number; page: number; pagination: boolean }
export type PageMeta = {
  hasNextPage: boolean
  hasPrevPage: boolean
  limit: number
  nextPage: null | number
  page: number
  pagingCounter: number
  prevPage: null | number
  totalDocs: number
  totalPages: number
}

const positiveInteger = (value: null | string, fallback: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
  if (value === null) return fallback
  if (!/^[1-9]\d{0,8}$/.test(value)) return undefined
  const number = Number(value)
  return number <= max ? number : undefined
}

/**
 * The public reads the store answers, exactly as Payload would: the latest articles
 * (`sort=-publishedAt`) and one article by slug, at depth 1, paginated or not. Any other
 * parameter (a filter, `select`, another depth or sort, `draft`, another edition) goes to Payload.
 */
function storeRead(url: string, payload: Payload): StoreRead | undefined {
  const query = new URLSearchParams(url.slice(url.indexOf('?') + 1 || url.length))
  const keys = [...query.keys()]
  if (keys.some((key) => !ALLOWED.has(key)) || new Set(keys).size !== keys.length) return undefined
  if (query.get('depth') !== String(DELIVERY_DEPTH)) return undefined
  // The edition, always named by src/editions/requestLocale.ts.
  const locale = query.get('locale')
  if (!isEditionCode(locale)) return undefined
  // The rows hold the edition with the public fallback, if any: a read asking for another is Payload's.
  if ((query.get('fallback-locale') ?? undefined) !== readerFallbackFor(payload, locale)) return undefined
  const slug = query.get('where[slug][equals]') ?? undefined
  // Slugs are unique, so one article by slug has no order to keep; a list must be newest first.
  const sort = query.get('sort')
  if (!(sort === '-publishedAt' || (sort === null && slug !== undefined))) return undefined
  const pagination = query.get('pagination')
  if (pagination !== null && pagination !== 'true' && pagination !== 'false') return undefined
  const limit = positiveInteger(query.get('limit'), DEFAULT_LIMIT, MAX_LIMIT)
  const page = positiveInteger(query.get('page'), 1)
  if (limit === undefined || page === undefined) return undefined
  return { filter: { locale, slug }, limit, page, pagination: pagination !== 'false' }
}

/** The page of stored JSON a read asks for, with Payload's pagination fields around it. */
export async function readPage(payload: Payload, { filter, limit, page, pagination }: StoreRead): Promise<{ docs: string[]; meta: PageMeta }> {
  const docs = await pageJson(payload, filter, limit, (page - 1) * limit)
  // An empty page, as Payload's SQL adapters answer it when the query joins the locales table
  // (every reader's query does: `_status` is per edition): page 1 of nothing, whatever was asked.
  if (docs.length === 0) {
    return { docs, meta: { hasNextPage: false, hasPrevPage: false, limit, nextPage: null, page: 1, pagingCounter: 0, prevPage: null, totalDocs: 0, totalPages: 0 } }
  }
  // As Payload's SQL adapters compute them: no count without pagination or when nothing matched.
  let totalDocs = docs.length
  let totalPages = 1
  let pagingCounter = 1
  let hasPrevPage = false
  let hasNextPage = false
  if (pagination) {
    // A first page that is not full, or a slug (unique), already says how many there are.
    const total = page === 1 && (docs.length < limit || filter.slug !== undefined) ? docs.length : await countMatching(payload, filter)
    if (total > 0) {
      totalDocs = total
      totalPages = Math.ceil(total / limit)
      hasPrevPage = page > 1
      hasNextPage = totalPages > page
      pagingCounter = (page - 1) * limit + 1
    }
  }
  const meta = { hasNextPage, hasPrevPage, limit, nextPage: hasNextPage ? page + 1 : null, page, pagingCounter, prevPage: hasPrevPage ? page - 1 : null, totalDocs, totalPages }
  return { docs, meta }
}

/** Payload's REST list body: `docs` first, then the pagination fields in its order. */
async function listBody(payload: Payload, read: StoreRead): Promise<string> {
  const { docs, meta } = await readPage(payload, read)
  return `{"docs":[${docs.join(',')}],${JSON.stringify(meta).slice(1)}`
}

/** A 200 answer from the store, with the content type and CORS headers Payload's handler sends. */
export function storeResponse(req: ExpressRequest, payload: Payload, body: string, contentType: string): Response {
  const headers = headersWithCors({
    headers: new Headers({ 'content-type': contentType }),
    req: { headers: new Headers(req.headers as Record<string, string>), payload } as unknown as PayloadRequest,
  })
  return new Response(body, { status: 200, headers })
}

/** Only anonymous readers get the store's answers (staff see drafts), once it is known to be in step. */
export const storeMayAnswer = (req: ExpressRequest, payload: Payload): boolean =>
  isAnonymous(req) && hasDeliveryStore(payload) && isDeliveryReady(payload)

/**
 * A producer for an anonymous public read the delivery store can answer, or undefined when the
 * request must go through Payload. The response is the one Payload's REST handler would give.
 */
export function deliveryRead(req: ExpressRequest, payload: Payload): (() => Promise<Response>) | undefined {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !/^\/api\/articles\/?$/.test(req.path)) return undefined
  if (!storeMayAnswer(req, payload)) return undefined
  const read = storeRead(req.originalUrl, payload)
  if (!read) return undefined
  return async () => storeResponse(req, payload, await listBody(payload, read), 'application/json')
}
