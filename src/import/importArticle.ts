import type { Payload, PayloadRequest } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import type { EditionCode } from '../editions/locales'
import type { Article } from '../payload-types'
import type { ImportItem } from './item'
import type { ImageResolver } from './richText'

import { COMMENT_MAX_LENGTH } from '../../collections/Comments'
import { DEFAULT_EDITION, editionOf } from '../editions/locales'
import { articleLivesAt } from '../redirects/articleAt'
import { normalisePath } from '../redirects/paths'
import { redirectToArticle } from '../redirects/record'
import { withTextDirections } from '../richtext/direction'
import { lexicalFromParagraphs } from '../richtext/paragraphs'
import { slugify } from '../slugs/slugify'
import { findOrCreateBySlug } from './findOrCreateBySlug'
import { ImportError } from './item'
import { lexicalFromHtml, lexicalFromMarkdown } from './richText'

export type ImportOptions = {
  /** Tag names to attach to every article (created when missing), besides the item's own. */
  tags?: string[]
  /** Publish instead of saving a draft (the demo seed uses this; imports default to drafts for review). */
  publish?: boolean
  /** The edition written (docs/editions.md): the default one unless named. */
  locale?: EditionCode
  /** Every item translates the post with this import identity (the command's `--translation-of`). */
  translationOf?: string
}

export type ImportOutcome = {
  /** What was written: an article (the default) or a page. */
  kind?: 'page'
  id: number
  slug: string
  title: string
  status: 'created' | 'unchanged' | 'updated'
  comments: { created: number; unchanged: number; waiting: number }
  /** Redirects from the post's old addresses: made now, or there already from an earlier run. */
  redirects: { created: number; unchanged: number }
  /** What the summary should say besides the status: a slug that was taken, an old address left without a redirect. */
  warnings: string[]
}

const EXCERPT_LENGTH = 600

/** The post's address on the old site, as the article records it: its first full URL, else its first path. */
export const originalUrlOf = (item: ImportItem): string | undefined =>
  (item.oldUrls.find((url) => /^https?:\/\//i.test(url)) ?? item.oldUrls[0])?.slice(0, 2000)
const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: unknown }).id : value)
const sameIds = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((value, index) => String(idOf(value)) === String(idOf(b[index])))

/**
 * A rich-text document as comparable text: keys sorted (PostgreSQL's jsonb reorders them) and
 * node ids left out (each conversion gives links and uploads fresh ones).
 */
export const canonicalBody = (value: unknown): string =>
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
 * Writes one imported article with its authors, tags, redirects and approved comments in one
 * transaction. The article is found by the item's import identity (`importSource`, see
 * src/import/identity.ts), never by its slug, so importing the same source again updates or
 * leaves it, never duplicates, and never touches another article that happens to have the slug:
 * a new article wanting a taken slug gets the next free one (`-2`, `-3`, by the slug field) and
 * a warning; an article that exists keeps its slug, so its URL stays. Each of the post's old
 * addresses becomes a redirect to the article, unless it is one already or is taken (a warning).
 * Comments are attached once the article is live (published): on a draft they wait, and a later
 * run after publication adds them; comments already there are not repeated.
 */
export async function importArticle(
  payload: Payload,
  item: ImportItem,
  { tags = [], publish = false, locale = DEFAULT_EDITION, translationOf: translationOfAll, resolveImage = async () => undefined }: ImportOptions & { resolveImage?: ImageResolver } = {},
): Promise<ImportOutcome> {
  if (!item.importSource) throw new ImportError(`"${item.title}" has no import identity, so a later import could not find its article.`)
  const translationOf = item.translationOf ?? translationOfAll
  const wantedSlug = slugify(item.slug ?? '', '') || slugify(item.title, 'article')
  // Images are fetched and stored before the transaction: a slow download must not hold it open.
  // As the body field stores it (directions from the text), so a re-import compares like with like.
  const body = withTextDirections(await lexicalBodyOf(payload, item, resolveImage))
  if (body.root.children.length === 0) throw new ImportError(`"${item.title}" has no text after conversion.`)

  // Publishing on import (the demo seed) is trusted server code: it bypasses the review workflow.
  const req = await createLocalReq({ locale, context: { workflowBypass: publish } }, payload)
  const ownsTransaction = await initTransaction(req)
  try {
    const warnings: string[] = []
    const authorIds: number[] = []
    for (const name of item.bylines) authorIds.push(await findOrCreateBySlug(req, 'authors', name))
    const tagIds: number[] = []
    for (const name of new Set([...item.tags, ...tags])) {
      const id = await findOrCreateBySlug(req, 'tags', name)
      if (!tagIds.includes(id)) tagIds.push(id)
    }

    // The edition's own text; authors, tags and the date are shared by the editions.
    const edition = {
      title: item.title,
      excerpt: (item.excerpt?.trim() || plainExcerpt(body)).slice(0, EXCERPT_LENGTH),
      body,
      _status: publish ? ('published' as const) : ('draft' as const),
    }
    const shared = { authors: authorIds, tags: tagIds, ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}) }

    // A translation joins the article its original was imported as; any other post is found by its own identity.
    const identity = translationOf ?? item.importSource
    const { docs } = await payload.find({
      collection: 'articles',
      where: { importSource: { equals: identity } },
      locale,
      draft: true,
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const existing = docs[0]
    if (translationOf && !existing) {
      throw new ImportError(`"${item.title}" translates ${translationOf}, but no article was imported from it: import the original first (without --locale), then this edition.`)
    }
    // Writing another edition of an article leaves what the editions share as the article has it.
    const data = existing && locale !== DEFAULT_EDITION ? edition : { ...edition, ...shared }
    let id: number
    let slug: string
    let status: ImportOutcome['status']
    if (!existing) {
      // The slug field takes the next free `-2`, `-3` when another article holds the wanted slug.
      const created = await payload.create({
        collection: 'articles',
        data: { ...data, slug: wantedSlug, importSource: item.importSource, originalUrl: originalUrlOf(item) } as Article,
        locale,
        draft: !publish,
        overrideAccess: true,
        req,
      })
      id = created.id
      slug = created.slug
      status = 'created'
      if (slug !== wantedSlug) warnings.push(`slug "${wantedSlug}" is taken by another article; this one is at "${slug}"`)
    } else {
      id = existing.id
      // The article keeps the slug it has (its URL), whatever the source says now; an edition
      // written for the first time gets the one its source wants.
      slug = existing.slug
      const sharedSame = !('authors' in data) || (sameIds(existing.authors ?? [], shared.authors) && sameIds(existing.tags ?? [], shared.tags) && (!item.publishedAt || existing.publishedAt === item.publishedAt))
      if (
        existing.title === edition.title &&
        canonicalBody(existing.body) === canonicalBody(edition.body) &&
        (existing.excerpt ?? '') === edition.excerpt &&
        sharedSame &&
        (!publish || existing._status === 'published')
      ) {
        status = 'unchanged'
      } else {
        const saved = await payload.update({ collection: 'articles', id, data: slug ? data : { ...data, slug: wantedSlug }, locale, draft: !publish, overrideAccess: true, req })
        slug = saved.slug
        status = 'updated'
      }
    }
    // Redirects lead to the default edition's page: the old addresses of another edition's posts are left for now.
    const redirects = locale === DEFAULT_EDITION ? await redirectOldUrls(req, item.oldUrls, { id, slug }, warnings) : { created: 0, unchanged: 0 }
    if (locale !== DEFAULT_EDITION && item.oldUrls.length > 0) warnings.push(`the old addresses of this ${editionOf(locale).label} post were not made redirects (redirects lead to the ${editionOf(DEFAULT_EDITION).label} edition)`)
    const comments = await importComments(payload, req, id, item)
    if (ownsTransaction) await commitTransaction(req)
    return { id, slug, title: item.title, status, comments, redirects, warnings }
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }
}

/** An address as a warning shows it: at most 120 characters. */
const shown = (address: string) => (address.length > 120 ? `${address.slice(0, 119)}…` : address)

/** What holds an old address that redirectToArticle found taken, as a warning. */
async function whyTaken(req: PayloadRequest, path: string): Promise<string> {
  if (await articleLivesAt(req, path)) return `old address ${shown(path)} is another article's address; no redirect made`
  const { docs } = await req.payload.find({ collection: 'redirects', where: { from: { equals: path } }, limit: 1, depth: 0, overrideAccess: true, req })
  const to = docs[0]?.to
  if (to?.type === 'reference' && !to.reference?.value) return `old address ${shown(path)} redirects to an article that no longer exists; kept (point it at this one under Redirects)`
  return `old address ${shown(path)} already redirects elsewhere; kept`
}

/**
 * Redirects from the post's old addresses to the article, in the import's transaction. An
 * address that already redirects elsewhere, or where another article lives, is kept as it is;
 * one that is no address a redirect may start at (the API, the admin, a malformed or huge URL)
 * is left out. Both are warnings, never failures: the article is imported all the same.
 */
async function redirectOldUrls(req: PayloadRequest, urls: string[], article: { id: number; slug: string }, warnings: string[]): Promise<ImportOutcome['redirects']> {
  const counts = { created: 0, unchanged: 0 }
  const done = new Set<string>()
  for (const url of urls) {
    const normal = normalisePath(url)
    const key = 'path' in normal ? normal.path : url
    if (done.has(key)) continue
    done.add(key)
    // Anything redirectToArticle throws (a database error) stops this article's import: the
    // transaction is rolled back, never committed half-done (PostgreSQL aborts it on an error).
    const result = await redirectToArticle(req, url, article)
    if (result.outcome === 'created') counts.created++
    else if (result.outcome === 'exists') counts.unchanged++
    else if (result.outcome === 'invalid') warnings.push(`no redirect from ${shown(url)}: ${result.reason}`)
    else if (result.outcome === 'taken') warnings.push(await whyTaken(req, 'path' in normal ? normal.path : url))
  }
  return counts
}

async function importComments(payload: Payload, req: PayloadRequest, articleId: number, item: ImportItem): Promise<ImportOutcome['comments']> {
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
