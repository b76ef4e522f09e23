import type { EditionCode } from '../editions/locales'

import { DEFAULT_EDITION } from '../editions/locales'

/**
 * The delivery stats field that counts an edition's stored articles: `publishedArticles` for the
 * default edition (the count kept before editions existed, which then held only English rows),
 * `publishedArticlesAr` and so on for the others.
 */
export const countFieldOf = (edition: EditionCode): string =>
  edition === DEFAULT_EDITION ? 'publishedArticles' : `publishedArticles${edition.charAt(0).toUpperCase()}${edition.slice(1)}`
