import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { APIError, ValidationError } from 'payload'

import { articleLivesAt } from '../../../src/redirects/articleAt'
import { articlePath, isReservedPath, normalisePath } from '../../../src/redirects/paths'

import type { Redirect } from '../../../src/payload-types'

export type RedirectTarget = NonNullable<Redirect['to']>

const idOf = (value: unknown) => (value && typeof value === 'object' ? ((value as { value?: unknown; id?: unknown }).value ?? (value as { id?: unknown }).id) : value)
const referenceId = (reference: unknown) => {
  const value = idOf(reference)
  return value && typeof value === 'object' ? (value as { id?: unknown }).id : value
}

/** Where a redirect sends readers, as a site path (articles, same-site URLs) or an absolute URL. */
export async function targetOf(req: PayloadRequest, to: RedirectTarget | undefined): Promise<{ path?: string; url?: string; articleId?: unknown }> {
  if (to?.type === 'custom') {
    const url = to.url ?? ''
    if (url.startsWith('/')) {
      const normal = normalisePath(url)
      return 'path' in normal ? { path: normal.path } : {}
    }
    return { url }
  }
  const articleId = referenceId(to?.reference)
  if (articleId === undefined || articleId === null) return {}
  const article = await req.payload.findByID({ collection: 'articles', id: articleId as number, depth: 0, draft: false, select: { slug: true }, overrideAccess: true, disableErrors: true, req })
  return article?.slug ? { path: articlePath(article.slug), articleId } : { articleId }
}

const fail = (path: string, message: string) => new ValidationError({ errors: [{ message, path }] })

/** An article target: a reference to an article that exists (a missing one would break the foreign key). */
async function checkArticle(req: PayloadRequest, reference: unknown): Promise<void> {
  const relationTo = reference && typeof reference === 'object' ? (reference as { relationTo?: unknown }).relationTo : undefined
  if (relationTo !== 'articles') throw fail('to.reference', 'Choose the article to send readers to ({ relationTo: "articles", value: <id> }).')
  const id = referenceId(reference)
  const found = typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id)) ? await req.payload.count({ collection: 'articles', where: { id: { equals: id } }, overrideAccess: true, req }) : { totalDocs: 0 }
  if (found.totalDocs === 0) throw fail('to.reference', `There is no article ${JSON.stringify(id)?.slice(0, 40) ?? ''} to send readers to.`)
}

/**
 * A custom target: a site path, or an absolute http(s) URL (never javascript:, data:, …, nor one
 * with a user name or password in it, a phishing trick). A URL on this site itself is stored as
 * its path, so that loops through it are found like any other.
 */
function checkCustomUrl(url: unknown, serverURL: string | undefined): string {
  if (typeof url !== 'string' || !url.trim()) throw fail('to.url', 'Give the address to send readers to: a path such as /read/new-slug or an https:// URL.')
  const trimmed = url.trim()
  if (trimmed.startsWith('/')) {
    const normal = normalisePath(trimmed)
    if ('error' in normal) throw fail('to.url', `The target path ${normal.error}.`)
    return normal.path
  }
  let parsed: URL
  try {
    parsed = new URL(trimmed)
  } catch {
    throw fail('to.url', 'The target must be a path starting with "/" or an absolute http(s) URL.')
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw fail('to.url', `A redirect may only send readers to http(s) addresses, not ${parsed.protocol}.`)
  if (parsed.username || parsed.password) throw fail('to.url', 'The target URL may not carry a user name or password.')
  if (trimmed.length > 2000) throw fail('to.url', 'The target URL is longer than 2,000 characters.')
  if (serverURL && parsed.origin === new URL(serverURL).origin) return checkCustomUrl(`${parsed.pathname}${parsed.search}`, undefined)
  return parsed.toString()
}

/**
 * Before a redirect is saved: its `from` is stored in the canonical spelling (src/redirects/paths.ts),
 * a custom target is checked, and chains are collapsed: a target that is itself redirected is
 * replaced by where that redirect goes, so readers always take one hop. A redirect that would
 * come back to where it starts is refused (400), as is one from a path an article lives at.
 */
export const normaliseTarget: CollectionBeforeChangeHook<Redirect> = async ({ data, originalDoc, req }) => {
  const from = data.from ?? originalDoc?.from
  const normal = normalisePath(from)
  if ('error' in normal) throw fail('from', `The path to redirect from ${normal.error}.`)
  data.from = normal.path

  if (isReservedPath(normal.path)) throw fail('from', `${normal.path} is an address of the CMS itself (the API, the admin, the home page): no redirect may start there.`)
  if (await articleLivesAt(req, normal.path)) throw fail('from', `An article lives at ${normal.path}: a redirect from there would hide it. Change that article's slug first.`)

  const to: RedirectTarget = { ...(originalDoc?.to ?? {}), ...(data.to ?? {}) }
  if (to.type === 'custom') to.url = checkCustomUrl(to.url, req.payload.config.serverURL)
  else await checkArticle(req, to.reference)
  for (let hops = 0; ; hops++) {
    const target = await targetOf(req, to)
    if (target.path === normal.path) throw loop(normal.path)
    if (!target.path || hops > 0) break
    const { docs } = await req.payload.find({ collection: 'redirects', where: { from: { equals: target.path } }, limit: 1, depth: 0, overrideAccess: true, req })
    const next = docs[0]
    if (!next || String(next.id) === String(originalDoc?.id)) break
    // Stored redirects are one hop already, so following one is enough.
    to.type = next.to?.type
    to.reference = next.to?.reference
    to.url = next.to?.url
  }
  data.to = to
  return data
}

const loop = (path: string) => new APIError(`This redirect would send readers from ${path} back to ${path} (a loop). Point it at another address.`, 400, { field: 'to' }, true)
