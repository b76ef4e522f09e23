import type { Request, Response } from 'express'

import express from 'express'
import escapeHtml from 'escape-html'
import helmet from 'helmet'

import type { EditionCode } from '../editions/locales'

import { editionOf } from '../editions/locales'
import { readingPagePath, searchPageMount } from '../editions/readingPages'
import { askGraphql } from './graphqlClient'
import { page } from './render'

/** The example frontend's search: one GraphQL query for the hits and the filters' choices. */
export const SEARCH_QUERY = `query SearchPage($q: String!, $tag: String, $author: String, $sort: SearchSort, $page: Int) {
  searchArticles(q: $q, tag: $tag, author: $author, sort: $sort, page: $page, limit: 10) {
    totalDocs totalDocsExact page totalPages hasNextPage hasPrevPage
    docs { snippet { html } article { title slug publishedAt authors { name } } }
  }
}`
export const FILTERS_QUERY = `query SearchFilters { Tags(limit: 100, sort: "slug") { docs { name slug } } Authors(limit: 100, sort: "slug") { docs { name slug } } }`

type Hit = { snippet: { html: string }; article: { title: string; slug: string; publishedAt?: null | string; authors?: Array<{ name: string }> | null } }
type Results = { totalDocs: number; totalDocsExact: boolean; page: number; totalPages: number; hasNextPage: boolean; hasPrevPage: boolean; docs: Hit[] }
type Choice = { name?: null | string; slug?: null | string }

const WORDS: Record<EditionCode, { title: string; label: string; button: string; anyTag: string; anyAuthor: string; relevance: string; newest: string; found: (n: number, exact: boolean) => string; none: string; previous: string; next: string; pageOf: (page: number, pages: number) => string; unavailable: string }> = {
  en: {
    title: 'Search',
    label: 'Search articles',
    button: 'Search',
    anyTag: 'Any topic',
    anyAuthor: 'Any writer',
    relevance: 'Best match',
    newest: 'Newest',
    found: (n, exact) => (!exact ? `${n.toLocaleString('en-GB')}+ articles` : n === 1 ? '1 article' : `${n.toLocaleString('en-GB')} articles`),
    none: 'No published article has these words.',
    previous: 'Previous',
    next: 'Next',
    pageOf: (current, pages) => `Page ${current} of ${pages}`,
    unavailable: 'Search is not available for a moment. Try again shortly.',
  },
  ar: {
    title: 'بحث',
    label: 'ابحث في المقالات',
    button: 'بحث',
    anyTag: 'كل المواضيع',
    anyAuthor: 'كل الكتّاب',
    relevance: 'الأكثر صلة',
    newest: 'الأحدث',
    found: (n, exact) => {
      const count = new Intl.NumberFormat('ar').format(n)
      if (!exact) return `أكثر من ${count} مقالة`
      const rule = new Intl.PluralRules('ar').select(n)
      return rule === 'one' ? 'مقالة واحدة' : rule === 'two' ? 'مقالتان' : rule === 'few' ? `${count} مقالات` : `${count} مقالة`
    },
    none: 'لا توجد مقالة منشورة بهذه الكلمات.',
    previous: 'السابق',
    next: 'التالي',
    pageOf: (current, pages) => `الصفحة ${new Intl.NumberFormat('ar').format(current)} من ${new Intl.NumberFormat('ar').format(pages)}`,
    unavailable: 'البحث غير متاح الآن. حاول بعد قليل.',
  },
}

const PARAMS = ['q', 'tag', 'author', 'sort', 'page'] as const
type Params = Partial<Record<(typeof PARAMS)[number], string>>

/** One value per parameter (the first, when sent twice), as text. */
const paramsOf = (req: Request): Params => {
  const params: Params = {}
  for (const name of PARAMS) {
    const raw = req.query[name]
    const value = Array.isArray(raw) ? raw[0] : raw
    if (typeof value === 'string' && value !== '') params[name] = value
  }
  return params
}

const hrefWith = (edition: EditionCode, params: Params, change: Params) => {
  const query = new URLSearchParams(Object.entries({ ...params, ...change }).filter((entry): entry is [string, string] => Boolean(entry[1])))
  return `${searchPageMount(edition)}?${query}`
}

const options = (choices: Choice[], selected: string | undefined, any: string) =>
  `<option value="">${escapeHtml(any)}</option>${choices
    .filter((choice) => choice.slug && choice.name)
    .map((choice) => `<option value="${escapeHtml(choice.slug!)}"${choice.slug === selected ? ' selected' : ''}>${escapeHtml(choice.name!)}</option>`)
    .join('')}`

/** The hit count as a reader reads it: "1,000+ articles" where the API stopped counting. */
export function foundLine(edition: EditionCode, totalDocs: number, exact: boolean): string {
  return WORDS[edition].found(totalDocs, exact)
}

function renderSearchPage(edition: EditionCode, params: Params, filters: { tags: Choice[]; authors: Choice[] }, results?: Results, message?: string): string {
  const words = WORDS[edition]
  const { intl } = editionOf(edition)
  const date = (iso?: null | string) => (iso ? new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso)) : '')
  const form = `<form class="search" role="search" method="get" action="${searchPageMount(edition)}">
  <label for="q">${escapeHtml(words.label)}</label>
  <input id="q" name="q" type="search" maxlength="200" value="${escapeHtml(params.q ?? '')}" autofocus>
  <select name="tag" aria-label="${escapeHtml(words.anyTag)}">${options(filters.tags, params.tag, words.anyTag)}</select>
  <select name="author" aria-label="${escapeHtml(words.anyAuthor)}">${options(filters.authors, params.author, words.anyAuthor)}</select>
  <select name="sort" aria-label="${escapeHtml(words.relevance)}"><option value="relevance">${escapeHtml(words.relevance)}</option><option value="newest"${params.sort === 'newest' ? ' selected' : ''}>${escapeHtml(words.newest)}</option></select>
  <button type="submit">${escapeHtml(words.button)}</button>
</form>`
  let body = ''
  if (message) body = `<p class="notice" role="alert">${escapeHtml(message)}</p>`
  else if (results) {
    const hits = results.docs
      .map(
        ({ article, snippet }) => `<li class="hit">
  <h2><a href="${escapeHtml(readingPagePath(edition, article.slug))}">${escapeHtml(article.title)}</a></h2>
  <p class="meta">${[(article.authors ?? []).map((author) => `<bdi>${escapeHtml(author.name)}</bdi>`).join(edition === 'ar' ? '، ' : ', '), date(article.publishedAt)].filter(Boolean).join(' · ')}</p>
  <p class="snippet">${snippet.html}</p>
</li>`,
      )
      .join('\n')
    const pager = results.totalPages > 1
      ? `<nav class="pager">${results.hasPrevPage ? `<a rel="prev" href="${escapeHtml(hrefWith(edition, params, { page: String(results.page - 1) }))}">${escapeHtml(words.previous)}</a>` : ''} <span>${escapeHtml(words.pageOf(results.page, results.totalPages))}</span> ${results.hasNextPage ? `<a rel="next" href="${escapeHtml(hrefWith(edition, params, { page: String(results.page + 1) }))}">${escapeHtml(words.next)}</a>` : ''}</nav>`
      : ''
    body = results.totalDocs === 0 ? `<p class="notice">${escapeHtml(words.none)}</p>` : `<p class="count" role="status">${escapeHtml(foundLine(edition, results.totalDocs, results.totalDocsExact))}</p>\n<ol class="hits">\n${hits}\n</ol>\n${pager}`
  }
  return page(edition, escapeHtml(params.q ? `${params.q} · ${words.title}` : words.title), `<h1>${escapeHtml(words.title)}</h1>\n${form}\n${body}`, false)
}

/**
 * The example frontend's search page at /search (English) and /ar/search (Arabic): the reader's
 * words through the public GraphQL API's `searchArticles`, with the snippets' marked words, tag
 * and author filters and pages. A search the API refuses shows its message, with its status.
 */
export function searchPageRouter(edition: EditionCode): express.Router {
  const router = express.Router()
  router.use(
    helmet.contentSecurityPolicy({
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], styleSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'self'"], baseUri: ["'none'"] },
    }),
  )
  router.get('/', async (req: Request, res: Response) => {
    const params = paramsOf(req)
    const choices = await askGraphql<{ Tags?: { docs: Choice[] }; Authors?: { docs: Choice[] } }>(req, edition, FILTERS_QUERY, {})
    const filters = { tags: choices.data?.Tags?.docs ?? [], authors: choices.data?.Authors?.docs ?? [] }
    res.setHeader('Cache-Control', 'public, max-age=60')
    if (!params.q) return void res.type('html').send(renderSearchPage(edition, params, filters))
    const pageNumber = params.page && /^\d{1,6}$/.test(params.page) ? Number(params.page) : 1
    const answer = await askGraphql<{ searchArticles?: Results }>(req, edition, SEARCH_QUERY, { q: params.q, tag: params.tag, author: params.author, sort: params.sort === 'newest' ? 'newest' : 'relevance', page: pageNumber })
    const results = answer.data?.searchArticles
    if (!results) {
      const status = answer.status >= 400 ? answer.status : 502
      res.setHeader('Cache-Control', 'no-store')
      const message = status === 503 ? WORDS[edition].unavailable : (answer.errors?.[0]?.message ?? WORDS[edition].unavailable)
      return void res.status(status).type('html').send(renderSearchPage(edition, params, filters, undefined, message))
    }
    res.type('html').send(renderSearchPage(edition, params, filters, results))
  })
  return router
}
