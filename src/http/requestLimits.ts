import type { NextFunction, Request, RequestHandler, Response } from 'express'

import express from 'express'

import { checkPaging as checkQueryPaging } from '../query/limits'
import { ApiRequestError } from './apiError'
import { isAnonymous } from './requestUser'

const SCALAR_PARAMETERS = new Set(['limit', 'page', 'depth', 'draft', 'pagination', 'locale', 'fallback-locale', 'fallbackLocale', 'trash'])

export type RequestLimits = { bodyBytes: number; uploadBytes: number; maxDepth: number }

const tooLarge = (res: Response, limit: number) =>
  res.status(413).json({ errors: [{ message: `The request body is too large: the limit is ${Math.round(limit / 1024)} KiB.` }] })

const isMultipart = (req: Request) => (req.headers['content-type'] ?? '').startsWith('multipart/form-data')

/**
 * Limits on what an API request may ask of the server, checked before Payload reads anything:
 * body size (uploads get their own, larger limit) answered 413, and paging parameters that must
 * be whole numbers (depth at most the configured maximum) answered 400.
 */
export function apiRequestLimits({ bodyBytes, uploadBytes, maxDepth }: RequestLimits): RequestHandler[] {
  // Bodies without a Content-Length (chunked) are read here, up to the limit, and handed on.
  const readChunked = express.raw({ type: () => true, limit: bodyBytes })

  const checkBodySize: RequestHandler = (req, res, next) => {
    const limit = isMultipart(req) ? uploadBytes : bodyBytes
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) return tooLarge(res, limit)
    if (req.headers['transfer-encoding'] && !req.headers['content-length'] && !isMultipart(req)) return readChunked(req, res, next)
    next()
  }

  const checkPaging: RequestHandler = (req, res, next) => {
    // Payload reads these as single values; `limit[]=1` (a list, for its query parser) answered 501.
    for (const key of new URLSearchParams(req.originalUrl.split('?')[1] ?? '').keys()) {
      const name = key.split('[', 1)[0]!
      if (key !== name && SCALAR_PARAMETERS.has(name)) {
        return res.status(400).json({ errors: [{ message: `The "${name}" parameter takes one value (got "${key.slice(0, 100)}").` }] })
      }
    }
    for (const name of ['limit', 'page', 'depth'] as const) {
      const value = req.query[name]
      if (value === undefined) continue
      if (typeof value !== 'string' || !/^\d+$/.test(value)) {
        return res.status(400).json({ errors: [{ message: `The "${name}" parameter must be a whole number (got ${JSON.stringify(value)}).` }] })
      }
      if (name === 'depth' && Number(value) > maxDepth) {
        return res.status(400).json({ errors: [{ message: `The "depth" parameter is at most ${maxDepth}.` }] })
      }
    }
    try {
      // The same bounds Payload's operations enforce (src/query/limits.ts), answered before any work.
      checkQueryPaging({ limit: req.query.limit, page: req.query.page }, !isAnonymous(req))
    } catch (error) {
      return res.status(400).json({ errors: [{ message: (error as Error).message }] })
    }
    next()
  }

  return [checkBodySize, checkPaging]
}

/** Body-parser's own refusals (413 too large, 400 unreadable) answered as the API's JSON errors. */
export function clientErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (error instanceof ApiRequestError && error.expose) return void res.status(error.status).set(error.headers).json({ errors: [{ message: error.message }] })
  // Express's router cannot decode a %-escape in a path parameter (/read/%ff).
  if (error instanceof URIError) return void res.status(400).json({ errors: [{ message: 'The address has broken %-encoding (a "%" must be followed by two hex digits of a UTF-8 character).' }] })
  const status = (error as { status?: number; expose?: boolean }).status
  if (typeof status === 'number' && status >= 400 && status < 500 && (error as { expose?: boolean }).expose) {
    if (status === 413) return void tooLarge(res, (error as { limit?: number }).limit ?? 0)
    return void res.status(status).json({ errors: [{ message: (error as Error).message }] })
  }
  next(error)
}
