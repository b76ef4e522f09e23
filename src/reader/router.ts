import type { Request, Response } from 'express'

import express from 'express'
import helmet from 'helmet'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Payload } from 'payload'

import type { ReadableArticle } from './render'

import { QUERY_LIMITS } from '../query/limits'
import { articlePath } from '../redirects/paths'
import { resolveRedirect } from '../redirects/resolve'
import { askGraphql } from './graphqlClient'
import { readingPageLocation } from './oldPaths'
import { renderArticlePage, renderNotFoundPage } from './render'
import type { EditionCode } from '../editions/locales'
import { DEFAULT_EDITION, EDITIONS } from '../editions/locales'
import { readingPagePath } from '../editions/readingPages'

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets')

/** What the reading page asks for: the example frontend's one GraphQL query. */
export const ARTICLE_QUERY = `query ReadArticle($slug: String!, $draft: Boolean) {
  Articles(where: { slug: { equals: $slug } }, limit: 1, draft: $draft) {
    docs { id title excerpt publishedAt readingTime body(depth: 1) heroImage { url alt } authors { name } tags { name } }
  }
}`

/** The article's address in another edition, if that edition is published (for the edition switcher). */
export const EDITION_SLUG_QUERY = `query EditionSlug($id: Int!) { Articles(where: { id: { equals: $id } }, limit: 1) { docs { slug } } }`

const tokenFromCookie = (cookie: string | undefined) => /(?:^|;\s*)payload-token=([^;]+)/.exec(cookie ?? '')?.[1]

/**
 * The reading page of an edition at /read/<slug> (English) or /ar/read/<slug> (Arabic): a minimal
 * frontend that reads published articles over the public GraphQL API, as any frontend would, in
 * the edition's language and direction, with links to the article's other published editions.
 * With ?preview=true and a signed-in editor's session it shows the latest draft (the admin's live
 * preview frames it and reloads it as the draft saves).
 */
export function readerRouter(payload: Payload, edition: EditionCode = DEFAULT_EDITION): express.Router {
  const router = express.Router()
  router.use(
    helmet.contentSecurityPolicy({
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'"], scriptSrc: ["'self'"], frameAncestors: ["'self'"], baseUri: ["'none'"], formAction: ["'none'"] },
    }),
  )
  router.use('/assets', express.static(assets, { maxAge: '1h', index: false }))
  router.get('/:slug', async (req: Request, res: Response) => {
    // No slug is longer than a compared value may be (src/query/limits.ts): such an address names no article.
    if (String(req.params.slug).length > QUERY_LIMITS.valueLength) return void res.status(404).type('html').send(renderNotFoundPage())
    const token = req.query.preview === 'true' ? tokenFromCookie(req.headers.cookie) : undefined
    const preview = Boolean(token)
    const ask = async <T>(locale: EditionCode, query: string, variables: Record<string, unknown>, auth?: string): Promise<T | undefined> => {
      const result = await askGraphql<T>(req, locale, query, variables, auth)
      if (result.errors?.length) throw new Error(`reading page query failed: ${result.errors[0]!.message}`)
      return result.data
    }
    const found = await ask<{ Articles?: { docs: Array<ReadableArticle & { id: number }> } }>(edition, ARTICLE_QUERY, { slug: String(req.params.slug), draft: preview }, token)
    const article = found?.Articles?.docs[0]
    res.setHeader('Cache-Control', preview ? 'private, no-store' : 'public, max-age=60')
    if (!article) {
      // An old slug of an article that moved: send the reader on (the slug was changed after publishing).
      const redirect = preview || edition !== DEFAULT_EDITION ? undefined : await resolveRedirect(payload, articlePath(String(req.params.slug)))
      if (redirect && 'resolution' in redirect && redirect.resolution) return void res.redirect(redirect.resolution.status, readingPageLocation(redirect.resolution))
      return void res.status(404).type('html').send(renderNotFoundPage(edition))
    }
    // The same article in the other editions that readers can read (hreflang alternates).
    const alternates = await Promise.all(
      EDITIONS.filter(({ code }) => code !== edition).map(async ({ code }) => {
        const other = await ask<{ Articles?: { docs: Array<{ slug?: null | string }> } }>(code, EDITION_SLUG_QUERY, { id: article.id })
        const slug = other?.Articles?.docs[0]?.slug
        return slug ? { edition: code, href: readingPagePath(code, slug) } : undefined
      }),
    )
    res.type('html').send(renderArticlePage(article, { preview, edition, self: readingPagePath(edition, String(req.params.slug)), alternates: alternates.filter((alternate) => alternate !== undefined) }))
  })
  return router
}
