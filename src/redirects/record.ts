import type { PayloadRequest } from 'payload'

import { articleLivesAt } from './articleAt'
import { articlePath, isReservedPath, normalisePath } from './paths'

/**
 * What became of a wish to redirect `from` to an article:
 * - `created`: the redirect is new;
 * - `exists`: that redirect was there already (a re-import);
 * - `taken`: `from` already redirects somewhere else, which is kept (the summary says so); a
 *   redirect to an article that no longer exists is taken over instead (`created`);
 * - `live`: `from` is the article's own address, so nothing is needed;
 * - `invalid`: `from` is no path a redirect may start at (`reason` says why).
 */
export type RedirectOutcome = { outcome: 'created' | 'exists' | 'live' | 'taken' } | { outcome: 'invalid'; reason: string }

/**
 * Makes a 301 from `from` (a path or a full URL of the old site) to the article, in the caller's
 * transaction, unless one is there already. Never changes or removes another redirect.
 */
export async function redirectToArticle(req: PayloadRequest, from: string, article: { id: number; slug: string }): Promise<RedirectOutcome> {
  const normal = normalisePath(from)
  if ('error' in normal) return { outcome: 'invalid', reason: `the old address ${normal.error}` }
  if (normal.path === articlePath(article.slug)) return { outcome: 'live' }
  if (isReservedPath(normal.path)) return { outcome: 'invalid', reason: `${normal.path} is an address of the CMS itself` }
  if (await articleLivesAt(req, normal.path)) return { outcome: 'taken' }
  const { docs } = await req.payload.find({ collection: 'redirects', where: { from: { equals: normal.path } }, limit: 1, depth: 0, overrideAccess: true, req })
  const existing = docs[0]
  if (existing) {
    const value = existing.to?.reference?.value
    const target = value && typeof value === 'object' ? value.id : value
    if (existing.to?.type === 'reference' && String(target) === String(article.id)) return { outcome: 'exists' }
    // A redirect whose article is gone leads nowhere: it is this article's to take.
    if (existing.to?.type !== 'reference' || (target !== undefined && target !== null)) return { outcome: 'taken' }
    await req.payload.update({ collection: 'redirects', id: existing.id, data: { to: { type: 'reference', reference: { relationTo: 'articles', value: article.id } } }, depth: 0, overrideAccess: true, req })
    return { outcome: 'created' }
  }
  await req.payload.create({
    collection: 'redirects',
    data: { from: normal.path, to: { type: 'reference', reference: { relationTo: 'articles', value: article.id } }, type: '301' },
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { outcome: 'created' }
}
