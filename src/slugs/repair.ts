import type { Payload } from 'payload'

import { slugify as legacySlugify } from 'payload/shared'

import type { EditionCode } from '../editions/locales'

import { DEFAULT_EDITION, EDITION_CODES } from '../editions/locales'
import { isNormalSlug, slugify } from './slugify'

/** The collections with a slug, the field each one's slug is made from, and its fallback word. */
export const SLUGGED = [
  { collection: 'articles', from: 'title', fallback: 'article', perEdition: true },
  { collection: 'authors', from: 'name', fallback: 'author', perEdition: false },
  { collection: 'tags', from: 'name', fallback: 'tag', perEdition: true },
] as const

export type SlugRepair = { collection: string; id: number | string; locale: EditionCode; from: string; to: string; note?: string }

/**
 * The slug a stored document should have, when the one it has was stored badly: not one the
 * rule makes (empty, only punctuation, `---`), or made by the old rule (Payload's `slugify`)
 * from the title and missing letters the rule keeps (`ncd-a-va-berraschung` for
 * "Ünïcödé Ça va? Überraschung", `---` for an Arabic title). A slug an editor typed on purpose
 * (one the old rule would not have made from the title) is left alone when it is a normal slug.
 */
export function repairedSlug(slug: unknown, source: unknown, fallback: string): string | undefined {
  const text = typeof source === 'string' ? source : ''
  if (!isNormalSlug(slug)) {
    const typed = typeof slug === 'string' ? slugify(slug, '') : ''
    const legacyMade = typeof slug === 'string' && slug === legacySlugify(text)
    return legacyMade || !typed ? slugify(text, fallback) : typed
  }
  const better = slugify(text, fallback)
  return slug === legacySlugify(text) && better !== slug ? better : undefined
}

/**
 * Finds (and unless `dryRun`, fixes) the badly stored slugs of articles, authors and tags. Each
 * fix goes through Payload like an editor's save, so the rule, uniqueness (-2, -3), the delivery
 * store, caches, webhooks and, for a published article, the redirect from its old path all follow.
 * A published article with unpublished changes gets the fix in its draft, live at its next publish.
 */
export async function repairSlugs(payload: Payload, { dryRun = false } = {}): Promise<SlugRepair[]> {
  const repairs: SlugRepair[] = []
  for (const { collection, from, fallback, perEdition } of SLUGGED) {
    // Articles and tags have a slug per edition, each repaired in its own edition.
    for (const locale of perEdition ? EDITION_CODES : [DEFAULT_EDITION]) {
      for (let page = 1; ; page++) {
        const { docs, hasNextPage } = await payload.find({ collection, locale, draft: collection === 'articles', page, limit: 200, depth: 0, sort: 'id', overrideAccess: true })
        for (const doc of docs as unknown as Array<Record<string, unknown> & { id: number | string }>) {
          // An edition not written yet has no slug to repair.
          if ((doc.slug === null || doc.slug === undefined) && (doc[from] === null || doc[from] === undefined)) continue
          const wanted = repairedSlug(doc.slug, doc[from], fallback)
          if (!wanted) continue
          const repair: SlugRepair = { collection, id: doc.id, locale, from: String(doc.slug ?? ''), to: wanted }
          repairs.push(repair)
          if (dryRun) continue
          if (collection !== 'articles') {
            const saved = await payload.update({ collection, id: doc.id, locale, data: { slug: wanted }, depth: 0, overrideAccess: true })
            repair.to = String(saved.slug)
            continue
          }
          // The latest version is the live one unless there are unpublished changes on top of it.
          const live = doc._status === 'published'
          const saved = await payload.update({ collection: 'articles', id: doc.id, locale, data: { slug: wanted }, draft: !live, depth: 0, overrideAccess: true, context: { workflowBypass: true } })
          repair.to = String(saved.slug)
          if (!live) {
            const published = await payload.count({ collection: 'articles', locale, where: { and: [{ id: { equals: doc.id } }, { _status: { equals: 'published' } }] }, overrideAccess: true })
            if (published.totalDocs > 0) repair.note = 'has unpublished changes: fixed in the draft, live at its next publish'
          }
        }
        if (!hasNextPage) break
      }
    }
  }
  return repairs
}
