import type { Article } from '../payload-types'

/** Adult silent reading of non-fiction runs at about 230 words a minute. */
const WORDS_PER_MINUTE = 230

type Node = { text?: string; children?: Node[] }

/** The number of words in a Lexical document. */
export function wordCount(body: Article['body'] | null | undefined): number {
  const count = (node: Node): number =>
    (node.text ? node.text.split(/\s+/).filter(Boolean).length : 0) + (node.children ?? []).reduce((sum, child) => sum + count(child), 0)
  return body?.root ? count(body.root as Node) : 0
}

/** Whole minutes to read a document, at least one for any text. */
export function readingMinutes(body: Article['body'] | null | undefined): number {
  const words = wordCount(body)
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE))
}
