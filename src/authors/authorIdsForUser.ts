import type { PayloadRequest } from 'payload'

/** The author profiles linked to the signed-in user (usually one), memoised per request. */
export async function authorIdsForUser(req: PayloadRequest): Promise<Array<number | string>> {
  if (!req.user) return []
  const cacheKey = `authorIdsForUser:${req.user.id}`
  const cached = req.context[cacheKey] as Array<number | string> | undefined
  if (cached) return cached
  const { docs } = await req.payload.find({
    collection: 'authors',
    where: { user: { equals: req.user.id } },
    depth: 0,
    limit: 100,
    pagination: false,
    select: {},
    overrideAccess: true,
    req,
  })
  const ids = docs.map((doc) => doc.id)
  req.context[cacheKey] = ids
  return ids
}
