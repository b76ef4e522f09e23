import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'

import type { Article } from '../../../src/payload-types'

import { articlePath } from '../../../src/redirects/paths'
import { redirectToArticle } from '../../../src/redirects/record'

const liveSlugKey = (id: unknown) => `liveSlugBefore:${String(id)}`

/**
 * Before a publish: the slug readers have seen, if any (the article is live, or was). Payload's
 * `previousDoc` is the latest revision, whose slug may already be the new one, so the slug of
 * the published document is read here, before the write replaces it.
 */
export const rememberLiveSlug: CollectionBeforeChangeHook<Article> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || data._status !== 'published' || !originalDoc?.id) return data
  const live = await req.payload.findByID({ collection: 'articles', id: originalDoc.id, draft: false, depth: 0, select: { slug: true, _status: true, publishedAt: true }, overrideAccess: true, disableErrors: true, req })
  if (live?.slug && (live._status === 'published' || live.publishedAt)) req.context[liveSlugKey(originalDoc.id)] = live.slug
  return data
}

/**
 * Old links keep working when an editor changes the slug of a published article: publishing it
 * under a new slug makes a 301 from the old path (ARTICLE_PATH) to the article, which follows the
 * article's slug from then on. Only a slug readers have seen gets one. A redirect from the path
 * the article now lives at is removed: the article is there again (a slug changed back), and the
 * redirect would otherwise hide it.
 */
export const redirectOldSlug: CollectionAfterChangeHook<Article> = async ({ doc, req }) => {
  if (doc._status !== 'published' || !doc.slug) return doc
  await req.payload.delete({ collection: 'redirects', where: { from: { equals: articlePath(doc.slug) } }, depth: 0, overrideAccess: true, req })
  const old = req.context[liveSlugKey(doc.id)]
  delete req.context[liveSlugKey(doc.id)]
  if (typeof old === 'string' && old !== doc.slug) await redirectToArticle(req, articlePath(old), { id: doc.id, slug: doc.slug })
  return doc
}

/** Deleting an article deletes the redirects to it, which would lead nowhere. */
export const deleteRedirectsToArticle: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: 'redirects',
    where: { and: [{ 'to.type': { equals: 'reference' } }, { 'to.reference.relationTo': { equals: 'articles' } }, { 'to.reference.value': { equals: id } }] },
    depth: 0,
    overrideAccess: true,
    req,
  })
}
