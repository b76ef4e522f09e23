import type { CollectionBeforeReadHook, Payload } from 'payload'

import type { EditionCode } from './locales'

import { isEditionCode } from './locales'

/**
 * The edition public reads fall back to (PUBLIC_FALLBACK_LOCALE, kept on the config as
 * `custom.publicFallbackLocale`), or undefined when fallback is off (the default): then each
 * edition is shown exactly as written.
 */
export const publicFallbackOf = (payload: Payload): EditionCode | undefined => {
  const value = (payload.config.custom as { publicFallbackLocale?: unknown } | undefined)?.publicFallbackLocale
  return isEditionCode(value) ? value : undefined
}

/** The fallback a reader of `locale` gets: none for the fallback edition itself. */
export const readerFallbackFor = (payload: Payload, locale: unknown): EditionCode | undefined => {
  const fallback = publicFallbackOf(payload)
  return fallback && fallback !== locale ? fallback : undefined
}

/**
 * With fallback on, an edition's empty fields are filled from the fallback edition, by Payload,
 * from the values stored for it. Those are what readers of that edition read only while it is
 * published: before it ever was, or once taken down, they may be text no editor approved. So for
 * a reader, an article whose fallback edition is not live gets nothing from it (Payload reads every
 * edition's values first, and this runs before it picks).
 */
export const fallBackOnlyToLiveEditions: CollectionBeforeReadHook = ({ collection, doc, req }) => {
  const fallback = typeof req.fallbackLocale === 'string' ? req.fallbackLocale : undefined
  if (req.user || !fallback || fallback === req.locale) return doc
  const status = (doc as { _status?: unknown })._status
  if (status && typeof status === 'object' && (status as Record<string, unknown>)[fallback] === 'published') return doc
  const raw = doc as Record<string, unknown>
  for (const field of collection.fields) {
    if (!('name' in field) || !('localized' in field) || !field.localized) continue
    const value = raw[field.name]
    if (value && typeof value === 'object' && !Array.isArray(value)) delete (value as Record<string, unknown>)[fallback]
  }
  return doc
}
