import path from 'node:path'
import { parse as parseYaml } from 'yaml'

import { markdownIdentity, relativeImportPath } from '../identity'
import { ImportError, type ImportItem, type ParsedFile } from '../item'

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
    .map((entry) => String(entry).trim())
    .filter(Boolean)

const dateOf = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  const date = value instanceof Date ? value : new Date(String(value))
  if (Number.isNaN(date.getTime())) throw new ImportError(`The front matter's ${field} "${String(value)}" is not a date; write it as 2024-05-01 or 2024-05-01T09:30:00Z.`)
  return date.toISOString()
}

/** The front matter's `id`: text or a number; anything else is refused (it would not be stable). */
const idOf = (value: unknown): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  throw new ImportError('The front matter\'s id must be text or a number (it names the post, so that importing it again updates the same article).')
}

/** The post's old addresses, from `permalink` and `url` (Jekyll, Hugo, Eleventy); other values are named in a warning. */
function oldUrlsOf(meta: Record<string, unknown>, warnings: string[]): string[] {
  const urls: string[] = []
  for (const key of ['permalink', 'url']) {
    const value = meta[key]
    if (value === undefined || value === null || value === '') continue
    if (typeof value === 'string' && value.trim()) urls.push(value.trim())
    else warnings.push(`front matter ${key} is not an address (text such as /2020/10/old-post.html); no redirect made from it`)
  }
  return urls
}

/**
 * The front matter's `translation_of`: the `id` of the Markdown post this one translates
 * (`markdown:id:<id>`), or a whole import identity (`wordpress:https://example.com#123`).
 */
function translationOfMeta(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined
  if (!text) throw new ImportError('The front matter\'s translation_of must be text or a number: the id of the post this one translates, or its import identity.')
  return /^(wordpress|blogger|markdown|plain-text):/.test(text) ? text : markdownIdentity(text, '')
}

/**
 * A Markdown file with optional YAML front matter: title, slug, author or authors, tags,
 * date (or publishedAt) and excerpt (or description). Without a title in the front matter the
 * first `# heading` is the title. The post is known by the front matter's `id`, else by its path
 * under `root` (src/import/identity.ts); `permalink` and `url` become redirects. `translation_of`
 * names the post this one translates (imported with `--locale`, it becomes that article's edition).
 */
export function parseMarkdownFile(text: string, file: string, root = path.dirname(file)): ParsedFile {
  const match = FRONT_MATTER.exec(text)
  let meta: Record<string, unknown> = {}
  if (match) {
    try {
      meta = (parseYaml(match[1]!) ?? {}) as Record<string, unknown>
    } catch (error) {
      throw new ImportError(`The front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`)
    }
    if (typeof meta !== 'object' || Array.isArray(meta)) throw new ImportError('The front matter must be a list of "key: value" lines.')
  }
  let markdown = match ? text.slice(match[0].length) : text.replace(/^\uFEFF/, '')
  let title = typeof meta.title === 'string' ? meta.title.trim() : ''
  if (!title) {
    const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(markdown)
    if (heading) {
      title = heading[1]!
      markdown = markdown.replace(heading[0], '')
    }
  }
  if (!title) throw new ImportError('No title: add "title: …" to the front matter or start the file with a "# Heading".')
  if (!markdown.trim()) throw new ImportError('No body: the file has a title but no text.')

  const warnings: string[] = []
  const item: ImportItem = {
    source: file,
    importSource: markdownIdentity(idOf(meta.id), relativeImportPath(file, root)),
    translationOf: translationOfMeta(meta.translation_of ?? meta.translationOf),
    oldUrls: oldUrlsOf(meta, warnings),
    warnings,
    title,
    slug: typeof meta.slug === 'string' ? meta.slug : undefined,
    bylines: list(meta.authors ?? meta.author),
    body: { markdown },
    excerpt: typeof (meta.excerpt ?? meta.description) === 'string' ? String(meta.excerpt ?? meta.description) : undefined,
    tags: list(meta.tags),
    publishedAt: dateOf(meta.publishedAt ?? meta.date, meta.publishedAt ? 'publishedAt' : 'date'),
    comments: [],
    baseDir: path.dirname(file),
  }
  return { items: [item], skipped: [], broken: [] }
}
