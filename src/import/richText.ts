import type { Payload } from 'payload'

import { convertHTMLToLexical, convertMarkdownToLexical, editorConfigFactory } from '@payloadcms/richtext-lexical'
import { Window } from 'happy-dom'
import { randomUUID } from 'node:crypto'

import type { Article } from '../payload-types'

type RichText = Article['body']
type LexicalNode = RichText['root']['children'][number]

/** Turns an image reference into a media id; undefined when the image cannot be had. */
export type ImageResolver = (src: string, alt: string) => Promise<number | string | undefined>

/** Payload's HTML converter wants a JSDOM-like constructor; happy-dom is the lighter DOM. */
class HappyDom {
  window: { document: Document }
  constructor(html: string) {
    const window = new Window()
    window.document.body.innerHTML = html
    this.window = window as unknown as { document: Document }
  }
}

let editorConfig: Awaited<ReturnType<typeof editorConfigFactory.default>> | undefined
const editorConfigOf = async (payload: Payload) => (editorConfig ??= await editorConfigFactory.default({ config: payload.config }))

const uploadNode = (value: number | string): LexicalNode =>
  ({ type: 'upload', version: 3, format: '', id: randomUUID(), fields: null, relationTo: 'media', value }) as unknown as LexicalNode

type Segment = { image: { src: string; alt: string } } | { markup: string }

/**
 * Splits a document at its images: the converters keep headings, links, lists and quotes, but
 * an image must become an upload node pointing at a media document, made by `resolveImage`.
 */
function splitAtImages(source: string, image: RegExp, parse: (match: RegExpExecArray) => { src: string; alt: string }): Segment[] {
  const segments: Segment[] = []
  let last = 0
  for (const match of source.matchAll(new RegExp(image.source, `${image.flags.replace('g', '')}g`))) {
    segments.push({ markup: source.slice(last, match.index) })
    segments.push({ image: parse(match as RegExpExecArray) })
    last = match.index! + match[0].length
  }
  segments.push({ markup: source.slice(last) })
  return segments
}

async function lexicalFromSegments(segments: Segment[], convert: (markup: string) => RichText, resolveImage: ImageResolver): Promise<RichText> {
  const children: LexicalNode[] = []
  for (const segment of segments) {
    if ('image' in segment) {
      const id = await resolveImage(segment.image.src, segment.image.alt)
      if (id !== undefined) children.push(uploadNode(id))
      continue
    }
    if (!segment.markup.trim()) continue
    // A segment that starts or ends inside a paragraph yields an empty paragraph at the cut.
    children.push(...convert(segment.markup).root.children.filter((node) => !isEmptyParagraph(node)))
  }
  return { root: { type: 'root', direction: 'ltr', format: '', indent: 0, version: 1, children } } as RichText
}

const isEmptyParagraph = (node: LexicalNode) =>
  node.type === 'paragraph' && !((node as { children?: Array<{ text?: string; type: string }> }).children ?? []).some((child) => child.type !== 'text' || child.text?.trim())

const MARKDOWN_IMAGE = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/
const HTML_IMAGE = /<img\b[^>]*>/i
const attribute = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(2).find((v) => v !== undefined) ?? ''

/** Markdown to the editor's Lexical JSON: headings, links, lists, quotes, emphasis and images. */
export async function lexicalFromMarkdown(payload: Payload, markdown: string, resolveImage: ImageResolver): Promise<RichText> {
  const config = await editorConfigOf(payload)
  const segments = splitAtImages(markdown, MARKDOWN_IMAGE, (match) => ({ alt: match[1] ?? '', src: match[2] ?? '' }))
  return lexicalFromSegments(segments, (markup) => convertMarkdownToLexical({ editorConfig: config, markdown: markup }) as RichText, resolveImage)
}

/** HTML (WordPress, Blogger) to the editor's Lexical JSON, with the same elements kept. */
export async function lexicalFromHtml(payload: Payload, html: string, resolveImage: ImageResolver): Promise<RichText> {
  const config = await editorConfigOf(payload)
  const segments = splitAtImages(html, HTML_IMAGE, (match) => ({ src: decodeEntities(attribute(match[0], 'src')), alt: decodeEntities(attribute(match[0], 'alt')) }))
  return lexicalFromSegments(segments, (markup) => convertHTMLToLexical({ editorConfig: config, html: markup, JSDOM: HappyDom }) as RichText, resolveImage)
}

const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" })[name]!)
