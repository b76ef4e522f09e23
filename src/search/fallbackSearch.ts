import type { Payload, Where } from 'payload'

import { createLocalReq } from 'payload'

import type { SearchRequest, SearchRow } from './engine'
import type { SearchTerm } from './query'

import { DELIVERY_DEPTH } from '../delivery/render'
import { paragraphsFromLexical } from '../richtext/paragraphs'

/** Terms the fallback looks for: each is a pattern match over the whole collection. */
const MAX_FALLBACK_TERMS = 4

const matchesTerm = (term: SearchTerm): Where => ({ or: [{ title: { like: term.typed } }, { excerpt: { like: term.typed } }] })

/**
 * Search where the database has no full-text index of ours (MongoDB, which has no delivery store):
 * published articles whose title or excerpt contains the words as typed (case-insensitive, no
 * stemming, no Arabic normalisation), newest first, through Payload with an anonymous reader's
 * access. docs/search.md says what it does not do.
 */
export async function fallbackSearch(payload: Payload, request: SearchRequest): Promise<{ rows: SearchRow[]; total: number }> {
  const groups = request.query.all.slice(0, MAX_FALLBACK_TERMS)
  const and: Where[] = groups.map((group) => (group.length === 1 ? matchesTerm(group[0]!) : { or: group.map(matchesTerm) }))
  for (const term of request.query.none.slice(0, Math.max(0, MAX_FALLBACK_TERMS - groups.length))) {
    and.push({ and: [{ title: { not_like: term.typed } }, { excerpt: { not_like: term.typed } }] })
  }
  if (request.tag !== undefined) and.push({ tags: { in: [request.tag] } })
  if (request.author !== undefined) and.push({ authors: { in: [request.author] } })
  if (request.from !== undefined) and.push({ publishedAt: { greater_than_equal: request.from } })
  if (request.to !== undefined) and.push({ publishedAt: { less_than: request.to } })
  const req = await createLocalReq({ locale: request.locale, fallbackLocale: false }, payload)
  const result = await payload.find({
    collection: 'articles',
    where: { and },
    locale: request.locale,
    fallbackLocale: false,
    depth: DELIVERY_DEPTH,
    sort: '-publishedAt',
    limit: request.limit,
    page: request.page,
    overrideAccess: false,
    req,
  })
  return {
    rows: result.docs.map((doc) => ({ json: JSON.stringify(doc), bodyText: paragraphsFromLexical(doc.body).join('\n'), body: '', score: 0 })),
    total: result.totalDocs,
  }
}
