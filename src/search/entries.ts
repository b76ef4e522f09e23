import type { Payload, PayloadRequest } from 'payload'

import type { Article } from '../payload-types'
import type { EditionCode } from '../editions/locales'

import { paragraphsFromLexical } from '../richtext/paragraphs'
import { indexText } from './normalize'

/**
 * One published edition of an article as the search index holds it, made from its delivery-store
 * row: what an anonymous reader of the edition sees, so a draft or a revision in review is never
 * in it. Indexed text is normalised (src/search/normalize.ts); `bodyText` is the body as written,
 * for snippets, and `body` holds exactly one normalised word per word of it.
 */
export type SearchEntry = {
  /** The delivery-store row's id. */
  id: number
  article: string
  locale: EditionCode
  publishedAt: null | string
  title: string
  excerpt: string
  people: string
  tags: string
  body: string
  bodyText: string
  /** Padded with spaces, ` 3 7 `, so `% 3 %` finds whole ids. */
  authorIds: string
  tagIds: string
}

/** The word an entry carries for each of its tags and authors, where the engine indexes them (SQLite's `facets`). */
export const facetOf = (collection: 'authors' | 'tags', id: string) => `${collection === 'tags' ? 'tag' : 'author'}${id}`
export const facetsOf = (entry: SearchEntry) =>
  [...entry.tagIds.trim().split(' ').filter(Boolean).map((id) => facetOf('tags', id)), ...entry.authorIds.trim().split(' ').filter(Boolean).map((id) => facetOf('authors', id))].join(' ')

export type StoreRow = { id: number; article: string; locale: EditionCode; json: string }

type Named = { id: number | string; name?: unknown }
const idOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'id' in value ? String((value as Named).id) : value === null || value === undefined ? undefined : String(value)
const idsOf = (values: unknown): string[] => (Array.isArray(values) ? values.map(idOf).filter((id): id is string => id !== undefined) : [])
const padded = (ids: string[]) => (ids.length === 0 ? '' : ` ${ids.join(' ')} `)

/** The names of these authors or tags in every edition, so a byline in either script is found. */
async function namesOf(payload: Payload, collection: 'authors' | 'tags', ids: string[], req?: Partial<PayloadRequest>): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const { docs } = await payload.find({
    collection,
    where: { id: { in: ids } },
    locale: 'all',
    depth: 0,
    pagination: false,
    select: { name: true },
    overrideAccess: true,
    req,
  })
  return new Map(
    docs.map((doc) => {
      const name = (doc as Named).name
      const all = typeof name === 'object' && name !== null ? Object.values(name).filter((value) => typeof value === 'string') : [name]
      return [String(doc.id), [...new Set(all)].join(' ')]
    }),
  )
}

/** Search entries for delivery-store rows, with their authors' and tags' current names. */
export async function entriesOf(payload: Payload, rows: StoreRow[], req?: Partial<PayloadRequest>): Promise<SearchEntry[]> {
  const docs = rows.map((row) => ({ row, doc: JSON.parse(row.json) as Article }))
  const authorIds = docs.map(({ doc }) => idsOf(doc.authors))
  const tagIds = docs.map(({ doc }) => idsOf(doc.tags))
  const [authorNames, tagNames] = await Promise.all([
    namesOf(payload, 'authors', [...new Set(authorIds.flat())], req),
    namesOf(payload, 'tags', [...new Set(tagIds.flat())], req),
  ])
  return docs.map(({ row, doc }, index) => {
    const bodyText = paragraphsFromLexical(doc.body).join('\n')
    return {
      id: row.id,
      article: row.article,
      locale: row.locale,
      publishedAt: doc.publishedAt ?? null,
      title: indexText(doc.title),
      excerpt: indexText(doc.excerpt),
      people: indexText(authorIds[index]!.map((id) => authorNames.get(id) ?? '').join(' ')),
      tags: indexText(tagIds[index]!.map((id) => tagNames.get(id) ?? '').join(' ')),
      body: indexText(bodyText, { aligned: true }),
      bodyText,
      authorIds: padded(authorIds[index]!),
      tagIds: padded(tagIds[index]!),
    }
  })
}
