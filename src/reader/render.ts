import type { HTMLConverters } from '@payloadcms/richtext-lexical/html'

import { convertLexicalToHTML, defaultHTMLConverters } from '@payloadcms/richtext-lexical/html'
import escapeHtml from 'escape-html'

export type ReadableArticle = {
  title: string
  excerpt?: null | string
  publishedAt?: null | string
  readingTime?: null | number
  body: Parameters<typeof convertLexicalToHTML>[0]['data']
  heroImage?: null | { url?: null | string; alt?: null | string }
  authors?: null | Array<{ name: string }>
  tags?: null | Array<{ name: string }>
}

const SAFE_HREF = /^(https?:|mailto:|\/|#)/i

/** Links keep only web, mail and same-site addresses: a `javascript:` link renders as text. */
const converters: HTMLConverters = {
  ...defaultHTMLConverters,
  link: (args) => {
    const { node, nodesToHTML } = args
    const children = nodesToHTML({ nodes: node.children }).join('')
    const url = (node.fields as { url?: string }).url ?? ''
    if (!SAFE_HREF.test(url)) return children
    const newTab = (node.fields as { newTab?: boolean }).newTab
    return `<a href="${escapeHtml(url)}"${newTab ? ' target="_blank" rel="noopener noreferrer"' : ''}>${children}</a>`
  },
}

const list = (items: Array<{ name: string }> | null | undefined) => (items ?? []).map((item) => escapeHtml(item.name)).join(', ')

/** The reading page: the article as a reader sees it, in plain, accessible HTML. */
export function renderArticlePage(article: ReadableArticle, { preview }: { preview: boolean }): string {
  const date = article.publishedAt ? new Date(article.publishedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : ''
  const meta = [article.authors?.length ? `By ${list(article.authors)}` : '', date, article.readingTime ? `${article.readingTime} min read` : ''].filter(Boolean).join(' · ')
  return page(
    escapeHtml(article.title),
    `${preview ? '<p class="preview" role="status">Preview: this is the latest draft, not what readers see.</p>' : ''}
<article>
  <h1>${escapeHtml(article.title)}</h1>
  <p class="meta">${meta}</p>
  ${article.excerpt ? `<p class="excerpt">${escapeHtml(article.excerpt)}</p>` : ''}
  ${article.heroImage?.url ? `<img class="hero" src="${escapeHtml(article.heroImage.url)}" alt="${escapeHtml(article.heroImage.alt ?? '')}">` : ''}
  ${convertLexicalToHTML({ data: article.body, converters, disableContainer: true })}
  ${article.tags?.length ? `<p class="tags">Filed under ${list(article.tags)}</p>` : ''}
</article>`,
    preview,
  )
}

export function renderNotFoundPage(): string {
  return page('Not found', '<h1>Not found</h1><p>There is no published article at this address.</p>', false)
}

const page = (title: string, content: string, live: boolean) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/read/assets/reader.css">
${live ? '<script src="/read/assets/live-preview.js" defer></script>' : ''}
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`
