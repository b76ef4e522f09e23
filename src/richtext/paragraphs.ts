import type { Article } from '../payload-types'

type RichText = Article['body']

type TextNode = { type: 'text'; text: string }
type BlockNode = { type: string; children?: Array<BlockNode | TextNode> }

/** A Lexical document with one paragraph per string, as the admin editor would save it. */
export function lexicalFromParagraphs(paragraphs: string[]): RichText {
  return {
    root: {
      type: 'root',
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
      children: paragraphs.map((text) => ({
        type: 'paragraph',
        direction: 'ltr',
        format: '',
        indent: 0,
        version: 1,
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }],
      })),
    },
  }
}

/** The plain text of each top-level block of a Lexical document. */
export function paragraphsFromLexical(state: null | RichText | undefined): string[] {
  const textOf = (node: BlockNode | TextNode): string =>
    'text' in node ? node.text : (node.children ?? []).map(textOf).join('')
  return ((state?.root?.children ?? []) as BlockNode[]).map(textOf)
}
