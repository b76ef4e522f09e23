import type { Payload } from 'payload'

import type { Article } from '../../src/payload-types'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'

export const sampleBody = lexicalFromParagraphs(['A paragraph.'])

/**
 * Creates an article (in the English edition unless named) as trusted server code; the slug is
 * left to the slug field unless given.
 * A published fixture skips the review workflow, as the demo seed does (tests of the workflow
 * itself take every step).
 */
export function createArticle(payload: Payload, data: Partial<Article>, locale = 'en'): Promise<Article> {
  const publish = data._status === 'published'
  return payload.create({
    collection: 'articles',
    locale: locale as 'en',
    data: { title: 'Untitled', body: sampleBody, ...data } as Article,
    draft: !publish,
    overrideAccess: true,
    context: { workflowBypass: publish },
  })
}
