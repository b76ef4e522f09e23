import type { PayloadRequest } from 'payload'

import { slugify } from '../slugs/slugify'

type NamedCollection = 'authors' | 'tags'

/** The slug rule's word for a name with no letters or digits at all. */
const FALLBACK: Record<NamedCollection, string> = { authors: 'author', tags: 'tag' }

/**
 * The id of the author or tag with this name's slug, creating it when it does not exist yet.
 * Authors and tags are shared vocabulary, so matching by the name's slug (the project's rule,
 * src/slugs/slugify.ts: letters of every script kept, accented Latin transliterated) is right:
 * "Iraq" from two sites is one tag, and "远征手记" or "العراق" is a tag like any other.
 */
export async function findOrCreateBySlug(req: PayloadRequest, collection: NamedCollection, name: string): Promise<number> {
  const slug = slugify(name, FALLBACK[collection])
  const { docs } = await req.payload.find({
    collection,
    where: { slug: { equals: slug } },
    limit: 1,
    depth: 0,
    select: {},
    overrideAccess: true,
    req,
  })
  if (docs[0]) return docs[0].id
  const created = await req.payload.create({
    collection,
    data: { name, slug },
    depth: 0,
    overrideAccess: true,
    req,
  })
  return created.id
}
