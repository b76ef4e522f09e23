import type { Endpoint, PayloadRequest } from 'payload'

import { create as contentDisposition } from 'content-disposition'
import { APIError } from 'payload'

import type { ExportFormat } from '../../../src/export/articles'
import type { Article } from '../../../src/payload-types'

import { articleToJson, articleToMarkdown, EXPORT_FORMATS, exportFileName } from '../../../src/export/articles'
import { QUERY_LIMITS } from '../../../src/query/limits'

const MAX_ARTICLES = 10_000

function formatOf(req: PayloadRequest): ExportFormat {
  const format = (req.query?.format as string | undefined) ?? 'json'
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw new APIError(`Unknown format "${format}": use json or markdown.`, 400, undefined, true)
  return format as ExportFormat
}

function requireStaff(req: PayloadRequest) {
  if (!req.user) throw new APIError('Sign in to export articles.', 401, undefined, true)
}

/**
 * GET /api/articles/:id/export?format=json|markdown: one article, as its latest version
 * (the draft, for staff), with the reader's access applied. A download, named by slug.
 */
export const exportArticleEndpoint: Endpoint = {
  path: '/:id/export',
  method: 'get',
  handler: async (req) => {
    requireStaff(req)
    const format = formatOf(req)
    const article = await req.payload.findByID({ collection: 'articles', id: req.routeParams!.id as string, draft: true, depth: 1, overrideAccess: false, user: req.user, req })
    // Never a raw non-ASCII header (Response refuses one with a TypeError, a 500): RFC 6266 filename*.
    const filename = exportFileName(article, format)
    const body = format === 'json' ? JSON.stringify(articleToJson(article), null, 2) : await articleToMarkdown(req.payload, article)
    return new Response(body, {
      headers: {
        'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'text/markdown; charset=utf-8',
        'content-disposition': contentDisposition(filename),
        'cache-control': 'private, no-store',
      },
    })
  },
}

/**
 * GET /api/articles/export[?where…]: the whole collection (or the articles a where clause picks)
 * as one JSON document, latest versions. For Markdown files of a whole collection use
 * `npm run export -- --format markdown`.
 */
export const exportArticlesEndpoint: Endpoint = {
  path: '/export',
  method: 'get',
  handler: async (req) => {
    requireStaff(req)
    if (formatOf(req) !== 'json') throw new APIError('A whole collection exports as JSON here; for Markdown files run `npm run export -- --format markdown`.', 400, undefined, true)
    // Page by page, within the largest page any caller may ask for (src/query/limits.ts).
    const docs: Article[] = []
    let totalDocs = 0
    for (let page = 1; docs.length < MAX_ARTICLES; page++) {
      const result = await req.payload.find({
        collection: 'articles',
        where: req.query?.where as never,
        draft: true,
        depth: 1,
        limit: QUERY_LIMITS.limit.signedIn,
        page,
        sort: '-updatedAt',
        overrideAccess: false,
        user: req.user,
        req,
      })
      totalDocs = result.totalDocs
      docs.push(...result.docs.slice(0, MAX_ARTICLES - docs.length))
      if (!result.hasNextPage) break
    }
    const body = JSON.stringify({ exportedAt: new Date().toISOString(), totalDocs, articles: docs.map(articleToJson) }, null, 2)
    return new Response(body, {
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': 'attachment; filename="articles.json"', 'cache-control': 'private, no-store' },
    })
  },
}
