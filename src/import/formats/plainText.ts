import path from 'node:path'

import { plainTextIdentity, relativeImportPath } from '../identity'
import { ImportError, type ImportItem, type ParsedFile } from '../item'

export { ImportError }

export type ParsedArticle = {
  title: string
  byline: string
  paragraphs: string[]
}

/**
 * Lines that blog platforms append after the article and that are not part of it:
 * comment counters, comment forms, post navigation and feed links.
 */
const TRAILING_BOILERPLATE = [
  /^(no|\d+)\s+comments?:?$/i,
  /^post a comment\.?$/i,
  /^(newer post|older post|home)(\s+(newer post|older post|home))*$/i,
  /^subscribe to:.*$/i,
  /^post comments \(atom\)$/i,
  /^labels?:.*$/i,
  /^share this:?$/i,
]

const isBoilerplate = (line: string) => TRAILING_BOILERPLATE.some((pattern) => pattern.test(line))

/**
 * Parses the publication's plain-text article format: the first line is the title, the second
 * the author's byline, and every following non-empty line a paragraph. Blog boilerplate at the
 * end is dropped.
 */
export function parsePlainTextArticle(text: string): ParsedArticle {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)

  while (lines.length > 0 && isBoilerplate(lines[lines.length - 1]!)) lines.pop()

  const [title, rawByline, ...paragraphs] = lines
  if (!title) throw new ImportError('The file is empty: expected a title on the first line.')
  if (!rawByline) throw new ImportError('No byline: expected the author\'s name on the second line.')
  if (paragraphs.length === 0) throw new ImportError('No body: expected paragraphs after the byline.')
  const byline = rawByline.replace(/^by\s+/i, '')
  return { title, byline, paragraphs }
}

/** The plain-text format as import items: one article per file, known by its path under `root` (src/import/identity.ts). */
export function parsePlainTextFile(text: string, file: string, root = path.dirname(file)): ParsedFile {
  const { title, byline, paragraphs } = parsePlainTextArticle(text)
  const item: ImportItem = {
    source: file,
    importSource: plainTextIdentity(relativeImportPath(file, root)),
    oldUrls: [],
    title,
    bylines: [byline],
    body: { paragraphs },
    excerpt: paragraphs[0]!.slice(0, 600),
    tags: [],
    comments: [],
    baseDir: path.dirname(file),
  }
  return { items: [item], skipped: [], broken: [] }
}
