import type { EditionCode } from './locales'

import { DEFAULT_EDITION } from './locales'

/**
 * Where each edition's reading pages live on this server: the default edition at /read/<slug>,
 * the others under their code (/ar/read/<slug>), so the editions have addresses of their own
 * for `hreflang` alternates and search engines.
 */
export const readingPageMount = (edition: EditionCode): string => (edition === DEFAULT_EDITION ? '/read' : `/${edition}/read`)

export const readingPagePath = (edition: EditionCode, slug: string): string => `${readingPageMount(edition)}/${encodeURIComponent(slug)}`

/** Each edition's search page: /search (English), /ar/search (Arabic). */
export const searchPageMount = (edition: EditionCode): string => (edition === DEFAULT_EDITION ? '/search' : `/${edition}/search`)
