import type { Payload } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import type { Page } from '../payload-types'
import type { ImportOutcome, ImportOptions } from './importArticle'
import type { ImportItem } from './item'
import type { ImageResolver } from './richText'

import { slugify } from '../slugs/slugify'
import { canonicalBody, lexicalBodyOf, originalUrlOf } from './importArticle'
import { ImportError } from './item'

/**
 * Writes one page of the old site ("About", "Contact") to `pages`, found like an article by its
 * import identity, never by its slug. A page keeps the slug it had there (`/about/` → `about`),
 * so a frontend that serves pages at `/<slug>` keeps their addresses; a slug another page holds
 * gets `-2` and a warning. Pages have no bylines, tags, comments or review: drafts unless the
 * import publishes, and the desk publishes them in the admin.
 */
export async function importPage(
  payload: Payload,
  item: ImportItem,
  { publish = false, resolveImage = async () => undefined }: ImportOptions & { resolveImage?: ImageResolver } = {},
): Promise<ImportOutcome> {
  if (!item.importSource) throw new ImportError(`"${item.title}" has no import identity, so a later import could not find its page.`)
  const wantedSlug = slugify(item.slug ?? '', '') || slugify(item.title, 'page')
  const body = (await lexicalBodyOf(payload, item, resolveImage)) as Page['body']
  if (body.root.children.length === 0) throw new ImportError(`"${item.title}" has no text after conversion.`)
  const req = await createLocalReq({}, payload)
  const ownsTransaction = await initTransaction(req)
  try {
    const warnings: string[] = []
    const status = publish ? ('published' as const) : ('draft' as const)
    const { docs } = await payload.find({ collection: 'pages', where: { importSource: { equals: item.importSource } }, draft: true, limit: 1, depth: 0, overrideAccess: true, req })
    const existing = docs[0]
    let outcome: Pick<ImportOutcome, 'id' | 'slug' | 'status'>
    if (!existing) {
      const created = await payload.create({ collection: 'pages', data: { title: item.title, slug: wantedSlug, body, importSource: item.importSource, originalUrl: originalUrlOf(item), _status: status }, draft: !publish, overrideAccess: true, req })
      outcome = { id: created.id, slug: created.slug, status: 'created' }
      if (created.slug !== wantedSlug) warnings.push(`slug "${wantedSlug}" is taken by another page; this one is at "${created.slug}"`)
    } else if (existing.title === item.title && canonicalBody(existing.body) === canonicalBody(body) && (!publish || existing._status === 'published')) {
      outcome = { id: existing.id, slug: existing.slug, status: 'unchanged' }
    } else {
      await payload.update({ collection: 'pages', id: existing.id, data: { title: item.title, body, _status: status }, draft: !publish, overrideAccess: true, req })
      outcome = { id: existing.id, slug: existing.slug, status: 'updated' }
    }
    if (ownsTransaction) await commitTransaction(req)
    return { ...outcome, kind: 'page', title: item.title, comments: { created: 0, unchanged: 0, waiting: 0 }, redirects: { created: 0, unchanged: 0 }, warnings }
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }
}
