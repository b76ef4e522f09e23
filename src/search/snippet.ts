import escapeHtml from 'escape-html'
import { stemmer } from 'stemmer'

import type { SearchTerm } from './query'

import { normalizeWord, tokenize } from './normalize'

/** Where a matched word is in the snippet's text (UTF-16 offsets, end exclusive). */
export type Highlight = { start: number; end: number }

/**
 * A passage of an article around the words a reader searched for, from the original text (its
 * accents, hamzas and prefixes as written): plain `text` with `highlights` offsets, so a frontend
 * can mark them without injecting markup, and the same as `html` with `<mark>` and everything
 * else escaped.
 */
export type Snippet = { text: string; highlights: Highlight[]; html: string }

/** Words in a snippet. */
export const SNIPPET_WORDS = 32
const LATIN = /^[a-z0-9]+$/

const stemOf = (word: string) => (LATIN.test(word) ? stemmer(word) : word)

/** Whether a text's normalised word is one the query asked for (the engines stem English; so does this). */
function matcher(terms: SearchTerm[]): (word: string) => boolean {
  const exact = new Set<string>()
  const prefixes: string[] = []
  for (const term of terms) {
    term.words.forEach((word, index) => {
      exact.add(word)
      exact.add(stemOf(word))
      if (term.prefix && index === term.words.length - 1) prefixes.push(word)
    })
  }
  // Stemming only strips endings, so a word can share a stem with a query word only if it starts
  // like one: the other words (nearly all of a text) are not stemmed at all.
  const openings = new Set([...exact].map((word) => word.slice(0, 3)))
  return (word) =>
    exact.has(word) || prefixes.some((prefix) => word.startsWith(prefix)) || (openings.has(word.slice(0, 3)) && exact.has(stemOf(word)))
}

/**
 * The passage of `text` with the most of the query's words, SNIPPET_WORDS long, cut at word
 * boundaries with an ellipsis where it is cut. A text that has none of them gives its opening.
 * `aligned` is the text's aligned index text (src/search/normalize.ts `indexText`), if known.
 */
export function snippetOf(text: string, terms: SearchTerm[], aligned?: string): Snippet {
  const tokens = tokenize(text)
  if (tokens.length === 0) return { text: '', highlights: [], html: '' }
  const wanted = matcher(terms)
  // The index's aligned words of the same text, when given, spare normalising every word again.
  const stored = aligned?.split(' ')
  const words = stored?.length === tokens.length ? stored : tokens.map((token) => normalizeWord(token.word))
  const hits = words.map(wanted)
  // The window of SNIPPET_WORDS words, opening a few words before a match, with the most distinct
  // matched words (the earliest of equals).
  let best = 0
  let bestScore = 0
  hits.forEach((hit, index) => {
    if (!hit) return
    const start = Math.max(0, index - 4)
    const seen = new Set<string>()
    for (let i = start; i < Math.min(tokens.length, start + SNIPPET_WORDS); i++) if (hits[i]) seen.add(words[i]!)
    if (seen.size > bestScore) {
      bestScore = seen.size
      best = start
    }
  })
  // A window running past the end opens earlier instead, so a short text is shown whole.
  best = Math.max(0, Math.min(best, tokens.length - SNIPPET_WORDS))
  const last = Math.min(tokens.length, best + SNIPPET_WORDS) - 1
  const from = best === 0 ? 0 : tokens[best]!.start
  const to = last === tokens.length - 1 ? text.length : tokens[last]!.end
  const lead = from > 0 ? '… ' : ''
  // Whitespace (the newlines between paragraphs) becomes spaces one for one, so the words keep their offsets.
  const passage = lead + text.slice(from, to).replace(/\s/g, ' ') + (to < text.length ? ' …' : '')
  const highlights: Highlight[] = []
  for (let i = best; i <= last; i++) if (hits[i]) highlights.push({ start: tokens[i]!.start - from + lead.length, end: tokens[i]!.end - from + lead.length })
  let html = ''
  let at = 0
  for (const { start, end } of highlights) {
    html += `${escapeHtml(passage.slice(at, start))}<mark>${escapeHtml(passage.slice(start, end))}</mark>`
    at = end
  }
  html += escapeHtml(passage.slice(at))
  return { text: passage, highlights, html }
}
