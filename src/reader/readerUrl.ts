import type { PayloadRequest } from 'payload'

import { readingPagePath } from '../editions/readingPages'
import { DEFAULT_EDITION, isEditionCode } from '../editions/locales'

/** Where the reading page of an article's edition is, as an absolute URL for the admin's preview frame. */
export function readerUrl(slug: unknown, req: PayloadRequest, { preview = true, locale }: { preview?: boolean; locale?: unknown } = {}): null | string {
  if (typeof slug !== 'string' || !slug) return null
  const origin = req.payload.config.serverURL || originOf(req)
  const edition = isEditionCode(locale) ? locale : DEFAULT_EDITION
  return `${origin}${readingPagePath(edition, slug)}${preview ? '?preview=true' : ''}`
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
