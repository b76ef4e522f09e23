import type { Endpoint } from 'payload'

import { resolveRedirect } from '../../src/redirects/resolve'

/**
 * GET /api/redirects/resolve?path=/2020/10/old-post.html, for anyone: 200 with where to send the
 * reader, 404 when the path is not redirected, 400 when it is not a path. Cached like the other
 * public reads (src/cache/httpCache.ts) and purged when a redirect or its article changes.
 */
export const resolveRedirectEndpoint: Endpoint = {
  path: '/resolve',
  method: 'get',
  handler: async (req) => {
    const paths = req.searchParams.getAll('path')
    if (paths.length > 1) return Response.json({ errors: [{ message: 'Give one path (path=… once).' }] }, { status: 400 })
    const path = paths[0] ?? null
    if (path === null) return Response.json({ errors: [{ message: 'Give the path to look up: /api/redirects/resolve?path=/2020/10/old-post.html' }] }, { status: 400 })
    const result = await resolveRedirect(req.payload, path, req)
    if ('error' in result) return Response.json({ errors: [{ message: result.error }] }, { status: 400 })
    if (!result.resolution) return Response.json({ errors: [{ message: 'No redirect from this path.' }] }, { status: 404 })
    return Response.json(result.resolution)
  },
}
