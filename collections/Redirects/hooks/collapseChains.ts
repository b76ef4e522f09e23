import type { CollectionAfterChangeHook } from 'payload'

import type { Redirect } from '../../../src/payload-types'

/**
 * After a redirect from F is saved, redirects that sent readers to F are pointed straight at F's
 * target, so that no stored redirect leads to another one (one hop, never a chain).
 */
export const collapseChains: CollectionAfterChangeHook<Redirect> = async ({ doc, req }) => {
  const { docs } = await req.payload.find({
    collection: 'redirects',
    where: { and: [{ 'to.type': { equals: 'custom' } }, { 'to.url': { equals: doc.from } }, { id: { not_equals: doc.id } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const earlier of docs) {
    await req.payload.update({ collection: 'redirects', id: earlier.id, data: { to: doc.to }, depth: 0, overrideAccess: true, req })
  }
  return doc
}
