import type { Payload } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import { slugify } from 'payload/shared'

import type { Article } from '../payload-types'
import type { ImportItem } from './item'
import type { ImageResolver } from './richText'

import { COMMENT_MAX_LENGTH } from '../../collections/Comments'
import { lexicalFromParagraphs } from '../richtext/paragraphs'
import { findOrCreateBySlug } from './findOrCreateBySlug'
import { ImportError } from './item'
import { lexicalFromHtml, lexicalFromMarkdown } from './richText'

export type ImportOptions = {
  /** Tag names to attach to every article (created when missing), besides the item's own. */
  tags?: string[]
  /** Publish instead of saving a draft (the demo seed uses this; imports default to drafts for review). */
  publish?: boolean
}

export type ImportOutcome = {
  id: number
  slug: string
  title: string
  status: 'created' | 'unchanged' | 'updated'
  comments: { created: number; unchanged: number; waiting: number }
}

const EXCERPT_LENGTH = 600
const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: unknown }).id : value)
const sameIds = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((value, index) => String(idOf(value)) === String(idOf(b[index])))

/**
 * A rich-text document as comparable text: keys sorted (PostgreSQL's jsonb reorders them) and
 * node ids left out (each conversion gives links and uploads fresh ones).
 */
const canonicalBody = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([key]) => key !== 'id').sort(([a], [b]) => a.localeCompare(b))) : v,
  )

/** The item's body as the editor's Lexical JSON; images become uploads through `resolveImage`. */
export async function lexicalBodyOf(payload: Payload, item: ImportItem, resolveImage: ImageResolver): Promise<Article['body']> {
  if ('paragraphs' in item.body) return lexicalFromParagraphs(item.body.paragraphs)
  if ('markdown' in item.body) return lexicalFromMarkdown(payload, item.body.markdown, resolveImage)
  return lexicalFromHtml(payload, item.body.html, resolveImage)
}

const plainExcerpt = (body: Article['body']): string => {
  const textOf = (node: { text?: string; children?: unknown[] }): string => node.text ?? (node.children ?? []).map((child) => textOf(child as never)).join('')
  const first = body.root.children.map((node) => textOf(node as never).trim()).find(Boolean) ?? ''
  return first.length > EXCERPT_LENGTH ? `${first.slice(0, EXCERPT_LENGTH - 1)}…` : first
}

/**
 * Writes one imported article with its authors, tags and approved comments in one transaction.
 * Articles are matched by slug, so importing the same source again updates or leaves them,
 * never duplicates. Comments are attached once the article is live (published): on a draft they
 * wait, and a later run after publication adds them; comments already there are not repeated.
 */
export async function importArticle(
  payload: Payload,
  item: ImportItem,
  { tags = [], publish = false, resolveImage = async () => undefined }: ImportOptions & { resolveImage?: ImageResolver } = {},
): Promise<ImportOutcome> {
  const slug = slugify(item.slug || item.title)
  if (!slug) throw new ImportError(`"${item.title}" has no letters or digits to make a slug from.`)
  // Images are fetched and stored before the transaction: a slow download must not hold it open.
  const body = await lexicalBodyOf(payload, item, resolveImage)
  if (body.root.children.length === 0) throw new ImportError(`"${item.title}" has no text after conversion.`)

  // Publishing on import (the demo seed) is trusted server code: it bypasses the review workflow.
  const req = await createLocalReq({ context: { workflowBypass: publish } }, payload)
  const ownsTransaction = await initTransaction(req)
  try {
    const authorIds: number[] = []
    for (const name of item.bylines) authorIds.push(await findOrCreateBySlug(req, 'authors', name))
    const tagIds: number[] = []
    for (const name of new Set([...item.tags, ...tags])) {
      const id = await findOrCreateBySlug(req, 'tags', name)
      if (!tagIds.includes(id)) tagIds.push(id)
    }

    const data = {
      title: item.title,
      slug,
      excerpt: (item.excerpt?.trim() || plainExcerpt(body)).slice(0, EXCERPT_LENGTH),
      body,
      authors: authorIds,
      tags: tagIds,
      ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
      _status: publish ? ('published' as const) : ('draft' as const),
    }

    const { docs } = await payload.find({ collection: 'articles', where: { slug: { equals: slug } }, draft: true, limit: 1, depth: 0, overrideAccess: true, req })
    const existing = docs[0]
    let id: number
    let status: ImportOutcome['status']
    if (!existing) {
      id = (await payload.create({ collection: 'articles', data: data as Article, draft: !publish, overrideAccess: true, req })).id
      status = 'created'
    } else if (
      existing.title === data.title &&
      canonicalBody(existing.body) === canonicalBody(data.body) &&
      (existing.excerpt ?? '') === data.excerpt &&
      sameIds(existing.authors ?? [], data.authors) &&
      sameIds(existing.tags ?? [], data.tags) &&
      (!item.publishedAt || existing.publishedAt === item.publishedAt) &&
      (!publish || existing._status === 'published')
    ) {
      id = existing.id
      status = 'unchanged'
    } else {
      await payload.update({ collection: 'articles', id: existing.id, data, draft: !publish, overrideAccess: true, req })
      id = existing.id
      status = 'updated'
    }
    const comments = await importComments(payload, req, id, item)
    if (ownsTransaction) await commitTransaction(req)
    return { id, slug, title: item.title, status, comments }
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }
}

async function importComments(payload: Payload, req: Awaited<ReturnType<typeof createLocalReq>>, articleId: number, item: ImportItem): Promise<ImportOutcome['comments']> {
  const counts = { created: 0, unchanged: 0, waiting: 0 }
  if (item.comments.length === 0) return counts
  // The live version decides: a published article with a newer draft takes comments too.
  const live = await payload.count({ collection: 'articles', where: { and: [{ id: { equals: articleId } }, { _status: { equals: 'published' } }] }, overrideAccess: true, req })
  if (live.totalDocs === 0) return { ...counts, waiting: item.comments.length }
  for (const comment of item.comments) {
    const body = comment.body.slice(0, COMMENT_MAX_LENGTH)
    const same = await payload.count({
      collection: 'comments',
      where: { and: [{ article: { equals: articleId } }, { authorName: { equals: comment.authorName.slice(0, 100) } }, { body: { equals: body } }] },
      overrideAccess: true,
      req,
    })
    if (same.totalDocs > 0) {
      counts.unchanged++
      continue
    }
    await payload.create({
      collection: 'comments',
      data: {
        article: articleId,
        authorName: comment.authorName.slice(0, 100),
        // Old platforms let readers leave no address; the field is required, so a placeholder marks it.
        email: comment.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(comment.email) ? comment.email : 'no-address@imported.invalid',
        body,
        status: 'approved',
        ...(comment.createdAt ? { createdAt: comment.createdAt } : {}),
      },
      overrideAccess: true,
      req,
    })
    counts.created++
  }
  return counts
}
