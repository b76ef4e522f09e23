import type { NextFunction, Request, Response } from 'express'
import type { Payload } from 'payload'

import type { RedirectResolution } from '../redirects/resolve'

import { isReservedPath, normalisePath } from '../redirects/paths'
import { resolveRedirect } from '../redirects/resolve'

/** Where this server's own reading page sends a reader for a redirect: an article's page here, or the target. */
export const readingPageLocation = (resolution: RedirectResolution): string =>
  resolution.article ? `/read/${encodeURIComponent(resolution.article.slug)}` : resolution.location

/**
 * Old addresses of the blog this site came from (`/2020/10/old-post.html`, `/?p=123`), asked of
 * this server: answered with their redirect (301 or 302) to the article's reading page. Paths
 * the CMS serves itself, and paths with no redirect, go on unchanged.
 */
export function oldPathRedirects(payload: Payload) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /^(\/[a-z]{2})?\/read\//i.test(req.path)) return next()
    // The home page is the CMS's own, but `/?p=123` (an old WordPress link) is not.
    const normal = normalisePath(req.originalUrl)
    if (!('path' in normal) || isReservedPath(normal.path)) return next()
    try {
      const result = await resolveRedirect(payload, normal.path)
      if (!('resolution' in result) || !result.resolution) return next()
      res.setHeader('Cache-Control', 'public, max-age=300')
      res.redirect(result.resolution.status, readingPageLocation(result.resolution))
    } catch (error) {
      next(error)
    }
  }
}
