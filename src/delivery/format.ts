import type { Payload } from 'payload'

import { createHash } from 'node:crypto'

import { publicFallbackOf } from '../editions/fallback'

/** Bump when the renderer (src/delivery/render.ts) changes what it writes. */
const RENDERER_VERSION = 1

/** The collections whose definitions decide an article's public JSON at depth 1. */
const RENDERED_COLLECTIONS = ['articles', 'authors', 'tags', 'media'] as const

/** A JSON text of a config subtree: functions by their source, cycles and editors left out. */
function describe(value: unknown): string {
  const seen = new WeakSet<object>()
  return JSON.stringify(value, (key, inner: unknown) => {
    if (key === 'editor') return undefined
    if (typeof inner === 'function') return inner.toString()
    if (typeof inner === 'object' && inner !== null) {
      if (seen.has(inner)) return undefined
      seen.add(inner)
    }
    return inner
  })
}

const formats = new WeakMap<object, string>()

/**
 * A fingerprint of how articles are rendered: the renderer's version and the definitions (fields,
 * access, hooks, default populate) of the collections an article shows. A stored row written
 * under another fingerprint may be out of date, so a changed definition makes the store rebuild.
 */
export function deliveryFormat(payload: Payload): string {
  let format = formats.get(payload.config)
  if (!format) {
    // The public fallback decides what an edition's rows hold.
    const hash = createHash('sha1').update(String(RENDERER_VERSION)).update(String(publicFallbackOf(payload) ?? 'none'))
    for (const slug of RENDERED_COLLECTIONS) {
      const config = payload.collections[slug]?.config
      hash.update(describe({ slug, fields: config?.fields, access: config?.access, hooks: config?.hooks, defaultPopulate: config?.defaultPopulate }))
    }
    format = hash.digest('base64url').slice(0, 16)
    formats.set(payload.config, format)
  }
  return format
}
