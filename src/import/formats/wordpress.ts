import path from 'node:path'

import type { ImportItem, ParsedFile } from '../item'

import { relativeImportPath, siteAddress, wordpressIdentity, wordpressPostId } from '../identity'
import { decodedSlug } from '../../slugs/decoded'
import { ImportError } from '../item'
import { isoDate, paragraphsFromBlankLines, parseXml, textOf, whatIsMissing } from './xml'

/**
 * A WordPress export (WXR, Tools → Export): posts with their authors, categories and tags,
 * dates, excerpts and approved comments, and its pages ("About") as pages. Attachments, menus and
 * other types are skipped.
 * Drafts in WordPress arrive as drafts like everything else; nothing is published by an import.
 * Each post is known by the blog's address and its post id (src/import/identity.ts); its old
 * addresses, the permalink and `/?p=<post id>`, become redirects.
 */
export function parseWordPressExport(text: string, file: string, root = path.dirname(file)): ParsedFile {
  const document = parseXml(text, ['item', 'category', 'wp:comment', 'wp:author', 'wp:postmeta'])
  const channel = document.rss?.channel
  if (!channel) throw new ImportError('Not a WordPress export: expected <rss><channel> with <item> entries (Tools → Export in WordPress).')
  const authors = new Map<string, string>()
  for (const author of channel['wp:author'] ?? []) {
    authors.set(textOf(author['wp:author_login']), textOf(author['wp:author_display_name']) || textOf(author['wp:author_login']))
  }

  // The blog's own address first: on a multisite network base_site_url is the network's, shared by all its blogs.
  const site = [channel['wp:base_blog_url'], channel['wp:base_site_url'], channel.link].map((value) => siteAddress(textOf(value))).find(Boolean)
  const relativeFile = relativeImportPath(file, root)

  const parsed: ParsedFile = { items: [], skipped: [], broken: [] }
  for (const [index, entry] of (channel.item ?? []).entries()) {
    const postId = wordpressPostId(textOf(entry['wp:post_id']))
    const source = `${file}#${postId ?? index + 1}`
    const type = textOf(entry['wp:post_type']) || 'post'
    if (type !== 'post' && type !== 'page') {
      parsed.skipped.push({ source, reason: `a WordPress ${type}, not a post or page` })
      continue
    }
    const status = textOf(entry['wp:status'])
    if (status === 'trash' || status === 'auto-draft') {
      parsed.skipped.push({ source, reason: `in WordPress's ${status}` })
      continue
    }
    const title = textOf(entry.title).trim()
    const html = textOf(entry['content:encoded'])
    const missing = whatIsMissing(title, html)
    if (missing) {
      // An empty page is a menu's parent or a placeholder of the old theme, not lost content.
      if (type === 'page') parsed.skipped.push({ source, reason: `an empty page${title ? ` ("${title.slice(0, 100)}")` : ''}: nothing to import` })
      else parsed.broken.push({ source, error: missing })
      continue
    }
    const importSource = wordpressIdentity({ site, file: relativeFile, postId, guid: textOf(entry.guid) })
    if (!importSource) {
      parsed.broken.push({ source, error: `"${title}" has neither a wp:post_id nor a <guid>, so a later import could not tell it from other posts.` })
      continue
    }
    const permalink = textOf(entry.link).trim()
    const creator = textOf(entry['dc:creator'])
    const item: ImportItem = {
      source,
      kind: type,
      importSource,
      oldUrls: [...(permalink ? [permalink] : []), ...(postId ? [`${site ?? ''}/?${type === 'page' ? 'page_id' : 'p'}=${postId}`] : [])],
      title,
      slug: decodedSlug(textOf(entry['wp:post_name']).trim()) || undefined,
      bylines: creator ? [authors.get(creator) ?? creator] : [],
      body: { html: paragraphsFromBlankLines(html) },
      excerpt: textOf(entry['excerpt:encoded']).trim() || undefined,
      tags: (entry.category ?? []).map(textOf).map((name: string) => name.trim()).filter((name: string) => name && name !== 'Uncategorized'),
      publishedAt: status === 'publish' ? isoDate(textOf(entry['wp:post_date_gmt'])) ?? isoDate(textOf(entry['wp:post_date'])) : undefined,
      comments: (entry['wp:comment'] ?? [])
        .filter((comment: Record<string, unknown>) => textOf(comment['wp:comment_approved']) === '1' && !['pingback', 'trackback'].includes(textOf(comment['wp:comment_type'])))
        .map((comment: Record<string, unknown>) => ({
          authorName: textOf(comment['wp:comment_author']).trim() || 'Anonymous',
          email: textOf(comment['wp:comment_author_email']).trim() || undefined,
          body: textOf(comment['wp:comment_content']).trim(),
          createdAt: isoDate(textOf(comment['wp:comment_date_gmt'])),
        }))
        .filter((comment: { body: string }) => comment.body),
      baseDir: path.dirname(file),
    }
    parsed.items.push(item)
  }
  return parsed
}
