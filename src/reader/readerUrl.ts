import type { PayloadRequest } from 'payload'

/** Where the reading page of an article is, as an absolute URL for the admin's preview frame. */
export function readerUrl(slug: unknown, req: PayloadRequest, { preview = true } = {}): null | string {
  if (typeof slug !== 'string' || !slug) return null
  const origin = req.payload.config.serverURL || originOf(req)
  return `${origin}/read/${encodeURIComponent(slug)}${preview ? '?preview=true' : ''}`
}

function originOf(req: PayloadRequest): string {
  try {
    if (req.url) return new URL(req.url).origin
  } catch {
    // a relative URL: fall back to the Host header
  }
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host')
  const protocol = req.headers.get('x-forwarded-proto') ?? 'http'
  return host ? `${protocol}://${host}` : ''
}
