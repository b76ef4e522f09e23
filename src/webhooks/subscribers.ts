import type { PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'

import type { EditionCode } from '../editions/locales'

import { readerFallbackFor } from '../editions/fallback'
import { onWorkflowTransition } from '../workflow/events'
import { emitWebhookEvent } from './enqueue'

let registered = false

/** An article's edition as an anonymous reader gets it from REST (depth 1), read inside the caller's transaction. */
export async function publicArticle(req: PayloadRequest, id: number | string, locale: EditionCode): Promise<null | Record<string, unknown>> {
  const fallbackLocale = readerFallbackFor(req.payload, locale) ?? false
  const anonymous = await createLocalReq({ locale, fallbackLocale }, req.payload)
  anonymous.transactionID = req.transactionID
  const { docs } = await req.payload.find({
    collection: 'articles',
    where: { id: { equals: id } },
    depth: 1,
    limit: 1,
    locale,
    fallbackLocale,
    overrideAccess: false,
    req: anonymous,
  })
  return (docs[0] as unknown as Record<string, unknown> | undefined) ?? null
}

async function tagIdsOf(req: PayloadRequest, articleId: number | string): Promise<Array<number | string>> {
  const article = await req.payload.findByID({ collection: 'articles', id: articleId, draft: true, depth: 0, overrideAccess: true, req, select: { tags: true } })
  return (article.tags ?? []).map((tag) => (typeof tag === 'object' ? tag.id : tag))
}

/** Turns workflow steps into webhook events, once per process. */
export function registerWebhookSubscribers(): void {
  if (registered) return
  registered = true
  onWorkflowTransition(async (event, req) => {
    const tagIds = await tagIdsOf(req, event.articleId)
    await emitWebhookEvent(
      req,
      'workflow.transition',
      { articleId: event.articleId, locale: event.locale, transition: event.transition, from: event.from, to: event.to, actorId: event.actorId, at: event.at },
      { tagIds },
    )
    if (event.to === 'published') {
      const article = await publicArticle(req, event.articleId, event.locale)
      if (article) await emitWebhookEvent(req, event.wasLive ? 'article.updated' : 'article.published', { article, locale: event.locale }, { tagIds })
    } else if (event.wasLive && event.to === 'archived') {
      await emitWebhookEvent(req, 'article.unpublished', { article: { id: event.articleId }, locale: event.locale }, { tagIds })
    }
  })
}
