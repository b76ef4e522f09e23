import type { HTMLConverters } from '@payloadcms/richtext-lexical/html'

import { convertLexicalToHTML, defaultHTMLConverters } from '@payloadcms/richtext-lexical/html'
import escapeHtml from 'escape-html'

import type { EditionCode } from '../editions/locales'

import { DEFAULT_EDITION, editionOf } from '../editions/locales'

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

/** Names in a list, each isolated so an English name in an Arabic line keeps its own direction. */
const list = (items: Array<{ name: string }> | null | undefined, edition: EditionCode) =>
  (items ?? []).map((item) => `<bdi>${escapeHtml(item.name)}</bdi>`).join(edition === 'ar' ? '، ' : ', ')

// Arabic counts its nouns: one minute, two minutes, three to ten minutes, eleven minutes.
const ARABIC_MINUTES: Partial<Record<Intl.LDMLPluralRule, (n: string) => string>> = {
  one: () => 'دقيقة واحدة للقراءة',
  two: () => 'دقيقتان للقراءة',
  few: (n) => `${n} دقائق للقراءة`,
  many: (n) => `${n} دقيقة للقراءة`,
  other: (n) => `${n} دقيقة للقراءة`,
}

/** The page's own words in each edition. */
const WORDS: Record<EditionCode, { by: string; minutes: (n: number) => string; filedUnder: string; preview: string; editions: string; notFound: string; notFoundText: string }> = {
  en: {
    by: 'By',
    minutes: (n) => `${n} min read`,
    filedUnder: 'Filed under',
    preview: 'Preview: this is the latest draft, not what readers see.',
    editions: 'Also in',
    notFound: 'Not found',
    notFoundText: 'There is no published article at this address.',
  },
  ar: {
    by: 'بقلم',
    minutes: (n) => ARABIC_MINUTES[new Intl.PluralRules('ar').select(n)]?.(new Intl.NumberFormat('ar').format(n)) ?? `${n} دقيقة للقراءة`,
    filedUnder: 'ضمن',
    preview: 'معاينة: هذه آخر مسودة، وليست ما يراه القرّاء.',
    editions: 'متوفر أيضاً بـ',
    notFound: 'غير موجود',
    notFoundText: 'لا توجد مقالة منشورة على هذا العنوان.',
  },
}

export type EditionLink = { edition: EditionCode; href: string }

/** The reading page: the article as a reader of its edition sees it, in plain, accessible HTML. */
export function renderArticlePage(
  article: ReadableArticle,
  { preview, edition = DEFAULT_EDITION, self, alternates = [] }: { preview: boolean; edition?: EditionCode; self?: string; alternates?: EditionLink[] },
): string {
  const words = WORDS[edition]
  const { intl } = editionOf(edition)
  const date = article.publishedAt ? new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(article.publishedAt)) : ''
  const meta = [article.authors?.length ? `${words.by} ${list(article.authors, edition)}` : '', date, article.readingTime ? words.minutes(article.readingTime) : ''].filter(Boolean).join(' · ')
  const switcher = alternates.length
    ? `<nav class="editions" aria-label="${escapeHtml(words.editions)}">${escapeHtml(words.editions)} ${alternates
        .map(({ edition: code, href }) => `<a href="${escapeHtml(href)}" hreflang="${code}" lang="${code}" dir="${editionOf(code).dir}">${escapeHtml(editionOf(code).nativeLabel)}</a>`)
        .join(' ')}</nav>`
    : ''
  const links = [...(self ? [{ edition, href: self }] : []), ...alternates].map(({ edition: code, href }) => `<link rel="alternate" hreflang="${code}" href="${escapeHtml(href)}">`).join('\n')
  return page(
    edition,
    escapeHtml(article.title),
    `${preview ? `<p class="preview" role="status">${escapeHtml(words.preview)}</p>` : ''}
${switcher}
<article>
  <h1>${escapeHtml(article.title)}</h1>
  <p class="meta">${meta}</p>
  ${article.excerpt ? `<p class="excerpt">${escapeHtml(article.excerpt)}</p>` : ''}
  ${article.heroImage?.url ? `<img class="hero" src="${escapeHtml(article.heroImage.url)}" alt="${escapeHtml(article.heroImage.alt ?? '')}">` : ''}
  ${convertLexicalToHTML({ data: article.body, converters, disableContainer: true })}
  ${article.tags?.length ? `<p class="tags">${escapeHtml(words.filedUnder)} ${list(article.tags, edition)}</p>` : ''}
</article>`,
    preview,
    links,
  )
}

export function renderNotFoundPage(edition: EditionCode = DEFAULT_EDITION): string {
  const words = WORDS[edition]
  return page(edition, escapeHtml(words.notFound), `<h1>${escapeHtml(words.notFound)}</h1><p>${escapeHtml(words.notFoundText)}</p>`, false)
}

/** A reading page's document: the edition's language and direction, the stylesheet, and `content`. */
export const page = (edition: EditionCode, title: string, content: string, live: boolean, head = '') => `<!doctype html>
<html lang="${edition}" dir="${editionOf(edition).dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
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
