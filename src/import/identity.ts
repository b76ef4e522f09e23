import { createHash } from 'node:crypto'
import path from 'node:path'

/**
 * Which post of which source an imported article is: stored on the article as `importSource`, so
 * a re-import finds the article it made (and only that one). Never the slug: two sites each have
 * a "hello-world", and an editor's own article may hold any slug. The spellings (documented in
 * the README's import section) must stay stable, or re-imports would make new articles:
 *
 * - WordPress: `wordpress:<blog address>#<post id>`, e.g. `wordpress:https://example.com#123`.
 *   The address is `wp:base_blog_url`, else `wp:base_site_url`, else the channel `<link>`, as
 *   scheme, lower-case host (and port) and path without the trailing slash. The blog's address
 *   comes first: on a multisite network (wordpress.com included) `wp:base_site_url` is the
 *   network's, shared by every blog, and post ids are only unique within one blog. Without a
 *   numeric `wp:post_id`: `wordpress:<blog address>#guid:<guid>`. An export that names no
 *   address at all (only hand-made ones) is known by its file instead: `wordpress:file:<path>#…`.
 * - Blogger: `blogger:<entry id>`, e.g. `blogger:tag:blogger.com,1999:blog-123.post-456` (the id
 *   names the blog and the post).
 * - Markdown: `markdown:id:<front matter id>` when the front matter has an `id`, else
 *   `markdown:path:<path>`.
 * - Plain text: `plain-text:path:<path>`.
 *
 * `<path>` is the file's path relative to the folder given to the importer (for a file given
 * itself, its name), with forward slashes, Unicode NFC. An identity longer than
 * MAX_IDENTITY_LENGTH is stored as `<format>:sha256:<hex of the whole identity>`, so a hostile
 * export cannot make an index entry too long for the database.
 */
export const MAX_IDENTITY_LENGTH = 400

/** Whitespace runs as one space, trimmed, Unicode NFC: the same text however it was written. */
const clean = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim()

function bounded(format: string, identity: string): string {
  if (identity.length <= MAX_IDENTITY_LENGTH) return identity
  return `${format}:sha256:${createHash('sha256').update(identity).digest('hex')}`
}

/** The file's path relative to `root` (the folder given to the importer), with forward slashes. */
export function relativeImportPath(file: string, root: string): string {
  const relative = path.relative(path.resolve(root), path.resolve(file))
  const outside = !relative || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)
  const inside = outside ? path.basename(file) : relative
  return inside.split(path.sep).join('/').normalize('NFC')
}

/** A file part that cannot be mistaken for the `#` that follows it. */
const escapedPath = (relative: string) => relative.replace(/[%#]/g, (character) => encodeURIComponent(character))

/** A site address as identities spell it, or undefined when `raw` is no http(s) URL. */
export function siteAddress(raw: string): string | undefined {
  const text = clean(raw)
  if (!text) return undefined
  try {
    const url = new URL(text)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
  } catch {
    return undefined
  }
}

/** A WordPress post id as digits without leading zeros, or undefined when it is not a number. */
export function wordpressPostId(raw: string): string | undefined {
  const text = raw.trim()
  return /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : undefined
}

/**
 * A WordPress post's identity: `site` (from siteAddress) and its post id, or its guid when it has
 * no post id; undefined when it has neither.
 */
export function wordpressIdentity({ site, file, postId, guid }: { site?: string; file: string; postId?: string; guid: string }): string | undefined {
  const scope = site ?? `file:${escapedPath(file)}`
  const guidText = clean(guid)
  const post = postId ?? (guidText ? `guid:${guidText}` : undefined)
  return post === undefined ? undefined : bounded('wordpress', `wordpress:${scope}#${post}`)
}

/** A Blogger entry's identity, from its `<id>`; undefined when it has none. */
export function bloggerIdentity(entryId: string): string | undefined {
  const id = clean(entryId)
  return id ? bounded('blogger', `blogger:${id}`) : undefined
}

/** A Markdown file's identity: its front matter's `id` (text or a number), else its path. */
export function markdownIdentity(id: string | undefined, relativePath: string): string {
  const text = id === undefined ? '' : clean(id)
  return bounded('markdown', text ? `markdown:id:${text}` : `markdown:path:${relativePath}`)
}

/** A plain-text file's identity: its path. */
export const plainTextIdentity = (relativePath: string): string => bounded('plain-text', `plain-text:path:${relativePath}`)
