import { readEnv } from '../env'
import { QUERY_LIMITS } from '../query/limits'

/**
 * The paths redirects are stored under and compared by. One canonical spelling per address, so
 * that `/2020/10/Post.html/`, `https://old-blog.example/2020/10/Post.html` and a percent-encoded
 * spelling find the same redirect: the site's host is dropped, percent-encoding is decoded (Unicode
 * NFC), repeated and trailing slashes are dropped, and a fragment is dropped. The query string is
 * kept, because old WordPress addresses are `/?p=123`.
 */
export type PathResult = { path: string } | { error: string }

/** Paths this server answers itself: a redirect from one of them would be ignored or shadow it. */
const RESERVED = [/^\/api(\/|$|\?)/, /^\/admin(\/|$|\?)/, /^\/_next(\/|$)/, /^\/(healthz|readyz)$/, /^\/read\/assets(\/|$)/]

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
    pathPart = decodeURIComponent(pathPart.replace(/\+/g, '%2B'))
    query = decodeURIComponent(query.replace(/\+/g, ' '))
  } catch {
    return { error: 'has broken percent-encoding (such as a lone "%")' }
  }
  if (/[\p{Cc}]/u.test(pathPart + query)) return { error: 'contains control characters' }
  pathPart = pathPart.normalize('NFC').replace(/\/{2,}/g, '/')
  if (pathPart.split('/').some((segment) => segment === '.' || segment === '..')) return { error: 'contains "." or ".." segments' }
  if (pathPart.length > 1) pathPart = pathPart.replace(/\/+$/, '')
  const path = query ? `${pathPart}?${query.normalize('NFC')}` : pathPart
  if (path.length > QUERY_LIMITS.valueLength) return { error: `is longer than ${QUERY_LIMITS.valueLength} characters once decoded` }
  return { path }
}

/** Whether the CMS itself answers at `path`, so no redirect may start there. */
export const isReservedPath = (path: string): boolean => path === '/' || RESERVED.some((pattern) => pattern.test(path))

/** The site path of the article with this slug (ARTICLE_PATH, default /read/{slug}), unencoded. */
export const articlePath = (slug: string): string => readEnv().ARTICLE_PATH.replace('{slug}', slug)

/** The slug an article path names, when `path` has the ARTICLE_PATH shape. */
export function slugInArticlePath(path: string): string | undefined {
  const [before, after] = readEnv().ARTICLE_PATH.split('{slug}') as [string, string]
  if (!path.startsWith(before) || !path.endsWith(after) || path.length <= before.length + after.length) return undefined
  const slug = path.slice(before.length, path.length - after.length)
  return slug.includes('/') || slug.includes('?') ? undefined : slug
}

/** A path as it goes into a Location header or a link: every non-ASCII character percent-encoded. */
export const encodedPath = (path: string): string => encodeURI(path).replace(/#/g, '%23')
