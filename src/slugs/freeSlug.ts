import type { CollectionSlug, PayloadRequest } from 'payload'

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
 * holds (drafts included: the unique index covers them). `ownId` is the document being saved,
 * which may keep its own slug. Runs in the request's transaction, so a save sees its own writes.
 */
export async function freeSlug(req: PayloadRequest, collection: CollectionSlug, wanted: string, ownId?: number | string): Promise<string> {
  for (let first = 1; ; first += BATCH) {
    const candidates = Array.from({ length: BATCH }, (_, i) => numbered(wanted, first + i))
    const { docs } = await req.payload.find({
      collection,
      where: { and: [{ slug: { in: candidates } }, ...(ownId === undefined ? [] : [{ id: { not_equals: ownId } }])] },
      limit: BATCH,
      pagination: false,
      depth: 0,
      select: { slug: true } as never,
      overrideAccess: true,
      req,
    })
    const taken = new Set(docs.map((doc) => (doc as { slug?: string }).slug))
    const free = candidates.find((candidate) => !taken.has(candidate))
    if (free) return free
  }
}
