import type { PayloadRequest } from 'payload'

import { slugify } from 'payload/shared'

type NamedCollection = 'authors' | 'tags'

/** The id of the author or tag with this name's slug, creating it when it does not exist yet. */
export async function findOrCreateBySlug(
  req: PayloadRequest,
  collection: NamedCollection,
  name: string,
): Promise<number> {
  const slug = slugify(name)
  if (!slug) throw new Error(`"${name}" has no letters or digits to make a ${collection} slug from.`)
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
