import type { Payload } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import { slugify } from 'payload/shared'

import type { Article } from '../payload-types'
import type { ParsedArticle } from './plainText'

import { lexicalFromParagraphs, paragraphsFromLexical } from '../richtext/paragraphs'
import { findOrCreateBySlug } from './findOrCreateBySlug'

export type ImportOptions = {
  /** Tag names to attach (created when missing). */
  tags?: string[]
  /** Publish instead of saving a draft (the demo seed uses this; imports default to drafts for review). */
  publish?: boolean
}

export type ImportOutcome = {
  id: number
  slug: string
  title: string
  status: 'created' | 'unchanged' | 'updated'
}

const sameIds = (a: unknown[], b: unknown[]) =>
  a.length === b.length && a.every((value, index) => String(value) === String(b[index]))

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: unknown }).id : value)

/**
 * Writes one parsed article, its author and tags in a single transaction. Articles are matched
 * by the slug of their title, so importing the same file again updates or skips, never duplicates.
 */
export async function importArticle(
  payload: Payload,
  article: ParsedArticle,
  { tags = [], publish = false }: ImportOptions = {},
): Promise<ImportOutcome> {
  // Publishing on import (the demo seed) is trusted server code: it bypasses the review workflow.
  const req = await createLocalReq({ context: { workflowBypass: publish } }, payload)
  const ownsTransaction = await initTransaction(req)
  try {
    const authorId = await findOrCreateBySlug(req, 'authors', article.byline)
    const tagIds: number[] = []
    for (const name of tags) tagIds.push(await findOrCreateBySlug(req, 'tags', name))

    const slug = slugify(article.title)!
    const data = {
      title: article.title,
      slug,
      excerpt: article.paragraphs[0]!.slice(0, 600),
      body: lexicalFromParagraphs(article.paragraphs),
      authors: [authorId],
      tags: tagIds,
      _status: publish ? ('published' as const) : ('draft' as const),
    }

    const { docs } = await payload.find({
      collection: 'articles',
      where: { slug: { equals: slug } },
      draft: true,
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const existing = docs[0]
    let outcome: ImportOutcome
    if (!existing) {
      const created = await payload.create({ collection: 'articles', data: data as Article, draft: !publish, overrideAccess: true, req })
      outcome = { id: created.id, slug, title: article.title, status: 'created' }
    } else if (
      existing.title === data.title &&
      sameIds(paragraphsFromLexical(existing.body), article.paragraphs) &&
      sameIds((existing.authors ?? []).map(idOf), data.authors) &&
      sameIds((existing.tags ?? []).map(idOf), data.tags) &&
      (!publish || existing._status === 'published')
    ) {
      outcome = { id: existing.id, slug, title: article.title, status: 'unchanged' }
    } else {
      await payload.update({
        collection: 'articles',
        id: existing.id,
        data,
        draft: !publish,
        overrideAccess: true,
        req,
      })
      outcome = { id: existing.id, slug, title: article.title, status: 'updated' }
    }
    if (ownsTransaction) await commitTransaction(req)
    return outcome
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }
}
