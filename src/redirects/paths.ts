import { readEnv } from '../env'
import { QUERY_LIMITS } from '../query/limits'

/**
 * The paths redirects are stored under and compared by. One canonical spelling per address, so
 * that `/2020/10/Post.html/`, `https://old-blog.example/2020/10/Post.html` and a percent-encoded
 * spelling find the same redirect: the site's host is dropped, percent-encoding is decoded (Unicode
 * NFC) except for `%25 %23 %3F %2F` (which would change the path's meaning decoded), repeated and
 * trailing slashes are dropped, and a fragment is dropped. The query string is kept, because old
 * WordPress addresses are `/?p=123`, without tracking parameters (`utm_*`, `fbclid`, …) and in
 * a fixed order. Normalising a canonical path gives it back unchanged.
 */
export type PathResult = { path: string } | { error: string }

/** Paths this server answers itself (Express matches them in any case): a redirect from one would be ignored or shadow it. */
const RESERVED = [/^\/api(\/|$|\?)/i, /^\/admin(\/|$|\?)/i, /^\/_next(\/|$)/i, /^\/(healthz|readyz)$/i, /^\/read\/assets(\/|$)/i]

/** Characters that stay percent-encoded in a canonical path: decoded, they would change its meaning. */
const KEPT_IN_PATH = /%(25|23|3F|2F)/gi
const KEPT_IN_QUERY = /%(25|23|26|3D|2B)/gi
/** Query parameters that only track where a click came from: they never pick a redirect. */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga)$/i
/** Invisible and direction-control characters, which make a path look like another in the admin. */
const INVISIBLE = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u

/** Decodes percent-encoding except the sequences `kept` names, which stay, upper-cased. */
function decodeExcept(text: string, kept: RegExp): string {
  const parts = text.split(kept)
  // split() with a capture group alternates text and the kept sequences' hex digits.
  return parts.map((part, i) => (i % 2 === 1 ? `%${part.toUpperCase()}` : decodeURIComponent(part))).join('')
}

/** The query without tracking parameters, the rest in a fixed order, so spellings of one address agree. */
function canonicalQuery(query: string): string {
  const pairs = query.split('&').filter(Boolean).filter((pair) => !TRACKING.test(decodeURIComponent(pair.split('=')[0]!.replace(/\+/g, ' '))))
  return pairs.map((pair) => decodeExcept(pair.replace(/\+/g, '%20'), KEPT_IN_QUERY)).sort().join('&')
}

export function normalisePath(input: unknown): PathResult {
  if (typeof input !== 'string' || !input.trim()) return { error: 'is empty: give a path such as /2020/10/old-post.html' }
  let raw = input.trim()
  if (raw.length > 2000) return { error: 'is longer than 2,000 characters' }
  if (/^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw)
      raw = `${url.pathname}${url.search}`
    } catch {
      return { error: 'is not a valid URL' }
    }
  } else if (!raw.startsWith('/') || raw.startsWith('//')) {
    return { error: 'must be a path starting with one "/" (such as /2020/10/old-post.html) or an http(s) URL' }
  }
  raw = raw.replace(/#.*$/s, '')
  const queryAt = raw.indexOf('?')
  let [pathPart, query] = queryAt < 0 ? [raw, ''] : [raw.slice(0, queryAt), raw.slice(queryAt + 1)]
  try {
    pathPart = decodeExcept(pathPart, KEPT_IN_PATH)
    query = canonicalQuery(query)
  } catch {
    return { error: 'has broken percent-encoding (such as a lone "%")' }
  }
  if (INVISIBLE.test(pathPart + query)) return { error: 'contains control, invisible or direction-control characters' }
  pathPart = pathPart.normalize('NFC').replace(/\/{2,}/g, '/')
  if (pathPart.split('/').some((segment) => segment === '.' || segment === '..')) return { error: 'contains "." or ".." segments' }
  if (pathPart.length > 1) pathPart = pathPart.replace(/\/+$/, '')
  const path = query ? `${pathPart}?${query.normalize('NFC')}` : pathPart
  if (path.length > QUERY_LIMITS.valueLength) return { error: `is longer than ${QUERY_LIMITS.valueLength} characters once decoded` }
  return { path }
}

/** Whether the CMS itself answers at `path`, so no redirect may start there. */
export const isReservedPath = (path: string): boolean => path === '/' || RESERVED.some((pattern) => pattern.test(path))
// (`/?p=123` is not the home page: old WordPress links are that.)

/** The site path of the article with this slug (ARTICLE_PATH, default /read/{slug}), unencoded. */
export const articlePath = (slug: string): string => readEnv().ARTICLE_PATH.replace('{slug}', slug)

/** The slug an article path names, when `path` has the ARTICLE_PATH shape (its fixed parts in any case, as Express matches them). */
export function slugInArticlePath(path: string): string | undefined {
  const [before, after] = readEnv().ARTICLE_PATH.split('{slug}') as [string, string]
  const lower = path.toLowerCase()
  if (!lower.startsWith(before.toLowerCase()) || !lower.endsWith(after.toLowerCase()) || path.length <= before.length + after.length) return undefined
  const slug = path.slice(before.length, path.length - after.length)
  return slug.includes('/') || slug.includes('?') ? undefined : slug
}

/**
 * A canonical path as it goes into a Location header or a link: every character a URL may not
 * carry as it is percent-encoded; the sequences the canonical form keeps encoded stay as they are.
 */
export const encodedPath = (path: string): string => path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/gu, (character) => encodeURIComponent(character))
