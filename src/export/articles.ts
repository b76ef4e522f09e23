import type { Payload } from 'payload'

import { convertLexicalToMarkdown, editorConfigFactory } from '@payloadcms/richtext-lexical'
import { stringify as toYaml } from 'yaml'

import type { Article, Media } from '../payload-types'

type Named = { name: string }
type Node = Article['body']['root']['children'][number]
export type ExportFormat = 'json' | 'markdown'
export const EXPORT_FORMATS: ExportFormat[] = ['json', 'markdown']

/**
 * The file an article is exported to: its slug and the format's extension, or `article-<id>` for a
 * slug stored before the slug rule that could name a path (`..`, `a/b`) or nothing at all.
 */
export const exportFileName = (article: Pick<Article, 'id' | 'slug'>, format: ExportFormat): string =>
  `${article.slug && !/[/\\]|^\.+$/.test(article.slug) ? article.slug : `article-${article.id}`}.${format === 'json' ? 'json' : 'md'}`

const names = (values: Article['authors'] | Article['tags']) =>
  (values ?? []).filter((value): value is Article['authors'] extends (infer T)[] | null | undefined ? Exclude<T, number> : never => typeof value === 'object').map((value) => (value as Named).name)

let editorConfig: Awaited<ReturnType<typeof editorConfigFactory.default>> | undefined

/**
 * An article as Markdown with YAML front matter, in the shape the Markdown importer reads back
 * (title, slug, authors, tags, date, excerpt). Images are written as `![alt](url)`. Read the
 * article at depth 1 so authors, tags and images are documents.
 */
export async function articleToMarkdown(payload: Payload, article: Article): Promise<string> {
  editorConfig ??= await editorConfigFactory.default({ config: payload.config })
  const front = {
    title: article.title,
    slug: article.slug,
    authors: names(article.authors),
    tags: names(article.tags),
    ...(article.publishedAt ? { date: article.publishedAt } : {}),
    ...(article.excerpt ? { excerpt: article.excerpt } : {}),
    ...(article.stage && article.stage !== 'published' ? { stage: article.stage } : {}),
  }
  // The Markdown converter has no image syntax: write each upload between converted runs of text.
  const parts: string[] = []
  let run: Node[] = []
  const flush = () => {
    if (run.length === 0) return
    parts.push(convertLexicalToMarkdown({ editorConfig: editorConfig!, data: { root: { ...article.body.root, children: run } } as never }).trim())
    run = []
  }
  for (const node of article.body.root.children) {
    if (node.type !== 'upload') {
      run.push(node)
      continue
    }
    flush()
    const media = (node as { value?: Media | number }).value
    if (media && typeof media === 'object' && media.url) parts.push(`![${(media.alt ?? '').replace(/[[\]]/g, '')}](${media.url})`)
  }
  flush()
  return `---\n${toYaml(front).trim()}\n---\n\n${parts.filter(Boolean).join('\n\n')}\n`
}

/** An article as JSON: the stored document with its authors, tags and images, minus internals. */
export function articleToJson(article: Article): Record<string, unknown> {
  const { history: _history, workflowPanel: _panel, ...rest } = article as Article & { history?: unknown; workflowPanel?: unknown }
  return rest
}
