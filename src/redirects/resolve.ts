import type { Payload, PayloadRequest } from 'payload'

import type { Redirect } from '../payload-types'

import { articlePath, encodedPath, normalisePath } from './paths'

/** What a frontend does with an old path: send the reader to `location` with `status`. */
export type RedirectResolution = {
  from: string
  /** Where to send the reader: a site path (percent-encoded) or an absolute URL. */
  location: string
  status: 301 | 302
  /** When the redirect goes to an article: which one, and its current slug. */
  article: null | { id: number | string; slug: string }
}

export type ResolveResult = { error: string } | { resolution: null | RedirectResolution }

/**
 * The redirect for `path`, as a reader may see it: one indexed lookup of the canonical path, and
 * for an article target, the article's current slug, only while it is published (a redirect to
 * an article that is unpublished or gone resolves to nothing, so no reader learns a draft's slug).
 */
export async function resolveRedirect(payload: Payload, path: unknown, req?: PayloadRequest): Promise<ResolveResult> {
  const normal = normalisePath(path)
  if ('error' in normal) return { error: `The path ${normal.error}.` }
  const { docs } = await payload.find({ collection: 'redirects', where: { from: { equals: normal.path } }, limit: 1, depth: 0, overrideAccess: true, req })
  const redirect = docs[0] as Redirect | undefined
  if (!redirect) return { resolution: null }
  const status = redirect.type === '302' ? 302 : 301
  if (redirect.to?.type === 'custom') {
    const url = redirect.to.url ?? ''
    if (!url) return { resolution: null }
    return { resolution: { from: normal.path, location: url.startsWith('/') ? encodedPath(url) : url, status, article: null } }
  }
  const value = redirect.to?.reference?.value
  const id = value && typeof value === 'object' ? value.id : value
  if (id === undefined || id === null) return { resolution: null }
  const { docs: live } = await payload.find({
    collection: 'articles',
    where: { and: [{ id: { equals: id } }, { _status: { equals: 'published' } }] },
    limit: 1,
    depth: 0,
    select: { slug: true },
    overrideAccess: true,
    req,
  })
  const article = live[0]
  if (!article?.slug) return { resolution: null }
  return { resolution: { from: normal.path, location: encodedPath(articlePath(article.slug)), status, article: { id: article.id, slug: article.slug } } }
}
