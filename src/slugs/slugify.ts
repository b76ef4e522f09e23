import anyAscii from 'any-ascii'

/**
 * The one slug rule, for articles, authors and tags, typed or generated:
 *
 * - Latin letters are transliterated to ASCII by `any-ascii`: `Erdoğan` → `erdogan`,
 *   `Überraschung` → `uberraschung`, `Ça va` → `ca-va`, `Łódź` → `lodz`, `ß` → `ss`.
 * - Letters of every other script are kept as they are, lower-cased where the script has case:
 *   `العراق` → `العراق`, `Москва` → `москва`. URLs carry them percent-encoded, as Arabic and
 *   Persian WordPress sites do; readers see the words in their own script in the address bar and
 *   in search results, and no transliteration of Arabic (which drops the short vowels and
 *   differs by convention) has to be chosen or kept stable.
 * - Compatibility forms are folded first (Unicode NFKC: Arabic presentation forms, full-width
 *   letters, ligatures); Arabic harakat and tatweel and Hebrew points are dropped, because they
 *   are optional in running text and the same word must give the same slug with or without them.
 * - Apostrophes are dropped inside words (`Baghdad's` → `baghdads`).
 * - Anything else that is not a letter, digit or combining mark (spaces, punctuation, symbols, emoji,
 *   invisible and direction-control characters) separates words with a single `-`.
 * - At most SLUG_MAX_LENGTH characters, cut at a word boundary when there is one.
 * - Never empty: with no letters or digits at all the collection's `fallback` word is used.
 *
 * The rule is idempotent (a slug goes through unchanged), so saving again never moves a URL.
 */
export const SLUG_MAX_LENGTH = 96

const LATIN_RUN = /\p{Script=Latin}[\p{Script=Latin}\p{M}]*/gu
// Arabic harakat, superscript alef, Quranic marks and tatweel; Hebrew points and cantillation.
const OPTIONAL_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7]/g
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/gu
// An apostrophe joins a word (`Baghdad's` → `baghdads`, `Ka'bi` → `kabi`); it never splits one.
const APOSTROPHES = /['`\u2018\u2019\u02BC\u02BB\u02BF\u02BE]/g

export function slugify(text: string, fallback: string): string {
  const words = text
    .normalize('NFKC')
    .replace(LATIN_RUN, (run) => anyAscii(run))
    .replace(OPTIONAL_MARKS, '')
    .replace(APOSTROPHES, '')
    .toLowerCase()
    .normalize('NFC')
    // A combining mark with no letter or digit before it has nothing to sit on.
    .replace(/(?<![\p{L}\p{N}\p{M}])\p{M}+/gu, '')
    .replace(SEPARATORS, '-')
    .replace(/^-+|-+$/g, '')
  const slug = cut(words)
  return slug || fallback
}

/** Whether `slug` is one the rule would have made (the repair command looks for the others). */
export function isNormalSlug(slug: unknown): slug is string {
  return typeof slug === 'string' && slug.length > 0 && slugify(slug, '') === slug
}

/** At most SLUG_MAX_LENGTH code points, at the last `-` within them when there is one. */
function cut(slug: string): string {
  const points = [...slug]
  if (points.length <= SLUG_MAX_LENGTH) return slug
  const head = points.slice(0, SLUG_MAX_LENGTH).join('')
  const boundary = head.lastIndexOf('-')
  return (boundary > 0 ? head.slice(0, boundary) : head).replace(/-+$/, '')
}
