/**
 * How words are made comparable before they reach either database's full-text index, and how a
 * reader's query words are made comparable the same way (src/search/query.ts). Both databases
 * index the output of `indexText`, so SQLite and PostgreSQL find the same words.
 *
 * Latin script: lower case, accents removed, apostrophes inside a name dropped ("Kata'ib" is
 * "kataib"). English stemming is the database's (FTS5's porter, PostgreSQL's `english`).
 *
 * Arabic script: harakat and tatweel removed; alef forms (أ إ آ ٱ) made ا, ta marbuta ة made ه,
 * alef maqsura ى made ي; then Larkey's "light10" stemmer takes off the conjunction و, the article
 * with its prepositions (ال وال بال كال فال لل) and the common suffixes, so that العراق,
 * بالعراق, والعراق, للعراق, فالعراق and العراقية all index as عراق. Neither database has this:
 * FTS5 has no Arabic stemmer at all, and PostgreSQL's `arabic` one leaves والعراق whole.
 */

/** A word of a text, where it is in the original (UTF-16 offsets, end exclusive). */
export type Token = { word: string; start: number; end: number }

// A word starts with a letter or digit and goes on through letters, digits, combining marks
// (harakat) and apostrophes between letters.
// Invisible format characters inside a word (a soft hyphen, a zero-width space or joiner) are part of it.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}]|['’ʼ](?=\p{L})|\p{Cf}+(?=[\p{L}\p{N}]))*/gu
const ARABIC = /[\u0600-\u06FF]/
const HARAKAT_AND_TATWEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g
const LATIN_MARKS = /\p{M}/gu
const FORMAT_CHARACTERS = /\p{Cf}/gu
const APOSTROPHES = /['’ʼʿʾ]/g
// What a normalised word keeps: letters and digits, so that no index or query syntax can ride in one.
const NOT_WORD = /[^\p{L}\p{N}]/gu

/** The longest word indexed (longer runs are cut: a URL or a hash is not a word readers type). */
export const MAX_WORD_LENGTH = 64

/** The words of a text with their places, as the index and the snippets see them. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(WORD)) {
    tokens.push({ word: match[0], start: match.index!, end: match.index! + match[0].length })
  }
  return tokens
}

const ARABIC_LETTERS: Array<[RegExp, string]> = [
  [/[أإآٱ]/g, 'ا'],
  [/ة/g, 'ه'],
  [/ى/g, 'ي'],
]
// Arabic-Indic and Eastern Arabic-Indic digits: ٢٠٢٤ finds 2024.
const DIGITS = /[٠-٩۰-۹]/g
const digitValue = (digit: string) => String((digit.charCodeAt(0) - 0x0660) % 0x90)

// light10 (Larkey, Ballesteros and Connell, 2002), on normalised letters (ة is ه, ى is ي by now).
const DEFINITE_ARTICLES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال']
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي']

/** Larkey's light10 stem of a normalised Arabic word. */
export function lightStem(word: string): string {
  let stem = word
  if (stem.startsWith('و') && stem.length >= 4) stem = stem.slice(1)
  for (const article of DEFINITE_ARTICLES) {
    if (stem.startsWith(article) && stem.length - article.length >= 2) {
      stem = stem.slice(article.length)
      break
    }
  }
  for (const suffix of SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 2) stem = stem.slice(0, -suffix.length)
  }
  return stem
}

// Plain lower-case ASCII words are their own normal form: most of an English text, at no cost.
const PLAIN = /^[a-z0-9]+$/
// A news archive's vocabulary is small and skewed, so most words were normalised before:
// remembering them makes indexing several times faster. Bounded: emptied when full, so that a
// text of made-up words costs memory only up to this many.
const REMEMBERED_WORDS = 50_000
const remembered = new Map<string, string>()

/** One word as it is indexed and looked up (empty when nothing of it is left). */
export function normalizeWord(original: string): string {
  if (original.length <= MAX_WORD_LENGTH && PLAIN.test(original)) return original
  let normal = remembered.get(original)
  if (normal === undefined) {
    if (remembered.size >= REMEMBERED_WORDS) remembered.clear()
    normal = normalizedWord(original)
    remembered.set(original, normal)
  }
  return normal
}

function normalizedWord(original: string): string {
  const word = original.replace(FORMAT_CHARACTERS, '').replace(DIGITS, digitValue)
  if (ARABIC.test(word)) {
    let letters = word.replace(HARAKAT_AND_TATWEEL, '')
    for (const [pattern, replacement] of ARABIC_LETTERS) letters = letters.replace(pattern, replacement)
    return lightStem(letters.replace(NOT_WORD, '')).slice(0, MAX_WORD_LENGTH)
  }
  return word.normalize('NFKD').replace(LATIN_MARKS, '').replace(APOSTROPHES, '').toLowerCase().replace(NOT_WORD, '').slice(0, MAX_WORD_LENGTH)
}

/** What stands for a word that normalises to nothing, in aligned text: neither engine indexes it. */
export const NO_WORD = '_'

/**
 * A text as the full-text index receives it: its normalised words, space-separated. `aligned`
 * keeps exactly one word for each word of the original (NO_WORD where nothing is left), so the
 * snippets can find a matched word in the original from its place in this text.
 */
export function indexText(text: string | null | undefined, { aligned = false } = {}): string {
  if (!text) return ''
  const words = Array.from(text.matchAll(WORD), (match) => normalizeWord(match[0]))
  return (aligned ? words.map((word) => word || NO_WORD) : words.filter(Boolean)).join(' ')
}
