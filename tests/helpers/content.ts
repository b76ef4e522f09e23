import type { Payload } from 'payload'

import type { Article } from '../../src/payload-types'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'

export const sampleBody = lexicalFromParagraphs(['A paragraph.'])

/** Creates an article as trusted server code; the slug is left to the slug field unless given. */
export function createArticle(payload: Payload, data: Partial<Article>): Promise<Article> {
  return payload.create({
    collection: 'articles',
    data: { title: 'Untitled', body: sampleBody, ...data } as Article,
    draft: data._status !== 'published',
    overrideAccess: true,
  })
}
