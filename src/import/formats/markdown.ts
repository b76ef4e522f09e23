import path from 'node:path'
import { parse as parseYaml } from 'yaml'

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

/**
 * A Markdown file with optional YAML front matter: title, slug, author or authors, tags,
 * date (or publishedAt) and excerpt (or description). Without a title in the front matter the
 * first `# heading` is the title.
 */
export function parseMarkdownFile(text: string, file: string): ParsedFile {
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

  const item: ImportItem = {
    source: file,
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
