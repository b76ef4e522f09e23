import path from 'node:path'

import type { ImportedComment, ImportItem, ParsedFile } from '../item'

import { bloggerIdentity } from '../identity'
import { ImportError } from '../item'
import { isoDate, parseXml, textOf, whatIsMissing } from './xml'

const KIND = 'http://schemas.google.com/g/2005#kind'
const LABEL = 'http://www.blogger.com/atom/ns#'
type Entry = Record<string, any>

const kindOf = (entry: Entry) => (entry.category ?? []).find((category: Entry) => category['@scheme'] === KIND)?.['@term']?.split('#').pop() as string | undefined
/** The post's page on the blog: its `<link rel="alternate" type="text/html">`. */
const alternateLink = (entry: Entry): string | undefined => {
  const link = (entry.link ?? []).find((candidate: Entry) => candidate?.['@rel'] === 'alternate' && (candidate['@type'] ?? 'text/html') === 'text/html')
  const href = link?.['@href']
  return typeof href === 'string' && href.trim() ? href.trim() : undefined
}

/** The slug a Blogger address carries (`/2020/10/iraqi-militias-defy.html` → `iraqi-militias-defy`), if it is a URL. */
const slugOfLink = (link: string): string | undefined => {
  try {
    return decodeURIComponent(path.posix.basename(new URL(link).pathname)).replace(/\.html?$/, '') || undefined
  } catch {
    return undefined
  }
}

/**
 * A Blogger export (Atom XML, Settings → Back up content): posts with their labels (as tags),
 * authors, dates and comments, and its pages as pages. Settings and the template are skipped. Each post is known
 * by its entry id (src/import/identity.ts); its address on the blog becomes a redirect.
 */
export function parseBloggerExport(text: string, file: string): ParsedFile {
  const document = parseXml(text, ['entry', 'category', 'link', 'author'])
  if (!document.feed) throw new ImportError('Not a Blogger export: expected an Atom <feed> with <entry> elements (Settings → Back up content in Blogger).')
  const entries: Entry[] = document.feed.entry ?? []

  const comments = new Map<string, ImportedComment[]>()
  for (const entry of entries.filter((e) => kindOf(e) === 'comment')) {
    const reply = entry['thr:in-reply-to']
    const postId = reply?.['@ref'] ?? reply?.['@href']
    const body = textOf(entry.content).replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '').trim()
    if (!postId || !body) continue
    const list = comments.get(postId) ?? []
    list.push({ authorName: textOf(entry.author?.[0]?.name).trim() || 'Anonymous', body, createdAt: isoDate(textOf(entry.published)) })
    comments.set(postId, list)
  }

  const parsed: ParsedFile = { items: [], skipped: [], broken: [] }
  for (const [index, entry] of entries.entries()) {
    const id = textOf(entry.id)
    const source = `${file}#${id.split('.post-').pop() || index + 1}`
    const kind = kindOf(entry)
    if (kind === 'comment') continue
    if (kind !== 'post' && kind !== 'page') {
      parsed.skipped.push({ source, reason: `a Blogger ${kind ?? 'entry of unknown kind'}, not a post or page` })
      continue
    }
    const title = textOf(entry.title).trim()
    const html = textOf(entry.content)
    const missing = whatIsMissing(title, html)
    if (missing) {
      // An empty page is a menu's parent or a placeholder of the old theme, not lost content.
      if (kind === 'page') parsed.skipped.push({ source, reason: `an empty page${title ? ` ("${title.slice(0, 100)}")` : ''}: nothing to import` })
      else parsed.broken.push({ source, error: missing })
      continue
    }
    const importSource = bloggerIdentity(id)
    if (!importSource) {
      parsed.broken.push({ source, error: `"${title}" has no <id>, so a later import could not tell it from other posts.` })
      continue
    }
    const draft = textOf(entry['app:control']?.['app:draft']) === 'yes'
    const link = alternateLink(entry)
    const item: ImportItem = {
      source,
      kind,
      importSource,
      oldUrls: link ? [link] : [],
      title,
      slug: link ? slugOfLink(link) : undefined,
      bylines: (entry.author ?? []).map((author: Entry) => textOf(author.name).trim()).filter((name: string) => name && name !== 'Unknown'),
      body: { html },
      tags: (entry.category ?? []).filter((category: Entry) => category['@scheme'] === LABEL).map((category: Entry) => String(category['@term']).trim()),
      publishedAt: draft ? undefined : isoDate(textOf(entry.published)),
      comments: comments.get(id) ?? [],
      baseDir: path.dirname(file),
    }
    parsed.items.push(item)
  }
  return parsed
}
