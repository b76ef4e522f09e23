import { normalizeWord, tokenize } from './normalize'

/**
 * A reader's query, as typed into a search box: words (all must match), `"exact phrases"`,
 * `-excluded` words or phrases, and `or` between two of them (`Kirkuk or Erbil`). The last word
 * also matches as the start of a longer one, so results follow the reader as they type. Nothing
 * of either engine's own syntax survives: every term is a list of normalised words made only of
 * letters and digits (src/search/normalize.ts), which the engines quote themselves.
 */
export type SearchTerm = {
  /** Normalised words; more than one is a phrase (the words next to each other, in order). */
  words: string[]
  /** The last word also matches longer words it starts. */
  prefix: boolean
  /** The words as the reader typed them, for messages. */
  typed: string
}

export type ParsedQuery = {
  /** Every group must match; within a group, any one term (`or`). */
  all: SearchTerm[][]
  /** No term here may match. */
  none: SearchTerm[]
}

export const MAX_QUERY_LENGTH = 200
/** Terms in one query, each a word or a phrase: enough for any question, bounded for the engines. */
export const MAX_TERMS = 12
/** A last word shorter than this is not taken as a prefix (one letter would match half the index). */
const MIN_PREFIX_LENGTH = 2

const OR_WORDS = new Set(['or', '|', 'أو', 'او'])

type Piece = { text: string; quoted: boolean; excluded: boolean }

/** Splits a query into quoted phrases and bare words; an unclosed quote runs to the end. */
function pieces(q: string): Piece[] {
  const found: Piece[] = []
  const pattern = /(-?)"([^"]*)"?|(\S+)/g
  for (const match of q.matchAll(pattern)) {
    if (match[3] !== undefined) {
      const excluded = match[3].length > 1 && match[3].startsWith('-')
      found.push({ text: excluded ? match[3].slice(1) : match[3], quoted: false, excluded })
    } else {
      found.push({ text: match[2]!, quoted: true, excluded: match[1] === '-' })
    }
  }
  return found
}

export class QueryError extends Error {}

/** The terms of a query, or a QueryError saying what to change. */
export function parseQuery(raw: string): ParsedQuery {
  const q = raw.trim()
  if (q.length === 0) throw new QueryError('Give words to search for: q=…')
  const length = [...q].length
  if (length > MAX_QUERY_LENGTH) throw new QueryError(`A search is at most ${MAX_QUERY_LENGTH} characters; this one has ${length}.`)
  const all: SearchTerm[][] = []
  const none: SearchTerm[] = []
  let joinNext = false
  let lastWasWanted = false
  const list = pieces(q)
  let count = 0
  list.forEach((piece, index) => {
    if (!piece.quoted && !piece.excluded && OR_WORDS.has(piece.text.toLowerCase())) {
      // `or` between two wanted terms joins them; anywhere else (at an end, doubled, after -x) it is ignored.
      joinNext = lastWasWanted
      lastWasWanted = false
      return
    }
    const words = tokenize(piece.text)
      .map((token) => normalizeWord(token.word))
      .filter(Boolean)
    if (words.length === 0) return
    const isLast = index === list.length - 1
    const term: SearchTerm = {
      words,
      prefix: isLast && !piece.quoted && !piece.excluded && words[words.length - 1]!.length >= MIN_PREFIX_LENGTH,
      typed: piece.text,
    }
    if (++count > MAX_TERMS) throw new QueryError(`A search has at most ${MAX_TERMS} words or phrases.`)
    lastWasWanted = !piece.excluded
    if (piece.excluded) {
      none.push(term)
      joinNext = false
    } else if (joinNext) {
      all[all.length - 1]!.push(term)
      joinNext = false
    } else {
      all.push([term])
    }
  })
  if (all.length === 0) {
    throw new QueryError(
      none.length > 0
        ? 'A search needs at least one word to find, not only words to leave out (-word).'
        : 'The search has no words to find: give words of letters or digits (quotes, signs and "or" between words are not searched for themselves).',
    )
  }
  return { all, none }
}

/** Every normalised word a query looks for, for the snippets. */
export const wantedWords = (query: ParsedQuery): SearchTerm[] => query.all.flat()
