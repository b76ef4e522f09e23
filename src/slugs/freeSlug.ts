import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import { SLUG_MAX_LENGTH } from './slugify'

/** How many numbered candidates one query checks. */
const BATCH = 20

/** `slug` with the suffix `-n`, shortened so that the whole stays within SLUG_MAX_LENGTH. */
export function numbered(slug: string, n: number): string {
  if (n === 1) return slug
  const suffix = `-${n}`
  const room = SLUG_MAX_LENGTH - suffix.length
  const points = [...slug]
  const base = points.length > room ? points.slice(0, room).join('').replace(/-+$/, '') : slug
  return `${base}${suffix}`
}

/**
 * The first of `wanted`, `wanted-2`, `wanted-3`, … that no other document of the collection
 * holds, as published or as its latest draft revision. `ownId` is the document being saved,
 * which may keep its own slug. Runs in the request's transaction, so a save sees its own writes.
 */
export async function freeSlug(req: PayloadRequest, collection: CollectionSlug, wanted: string, ownId?: number | string): Promise<string> {
  const config = req.payload.collections[collection]?.config
  const drafts = Boolean(config?.versions && typeof config.versions === 'object' && config.versions.drafts)
  for (let first = 1; ; first += BATCH) {
    const candidates = Array.from({ length: BATCH }, (_, i) => numbered(wanted, first + i))
    const where: Where = { and: [{ slug: { in: candidates } }, ...(ownId === undefined ? [] : [{ id: { not_equals: ownId } }])] }
    // The published documents, and with drafts the latest revisions too: a live article's draft
    // may hold a new slug that becomes its address when published.
    const taken = new Set<unknown>()
    for (const draft of drafts ? [false, true] : [false]) {
      const { docs } = await req.payload.find({ collection, where, draft, limit: BATCH * 2, pagination: false, depth: 0, select: { slug: true } as never, overrideAccess: true, req })
      for (const doc of docs) taken.add((doc as { slug?: string }).slug)
    }
    const free = candidates.find((candidate) => !taken.has(candidate))
    if (free) return free
  }
}
