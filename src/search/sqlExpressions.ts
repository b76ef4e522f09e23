import type { ParsedQuery, SearchTerm } from './query'

/**
 * A parsed query in each engine's own syntax. Every word is made of letters and digits only
 * (src/search/normalize.ts), and is still quoted here: nothing a reader types is read as an
 * operator, a column filter or a prefix by either engine.
 */

const ftsTerm = (term: SearchTerm) => `"${term.words.join(' ').replaceAll('"', '""')}"${term.prefix ? '*' : ''}`
const any = (render: (term: SearchTerm) => string, separator: string) => (group: SearchTerm[]) =>
  group.length === 1 ? render(group[0]!) : `(${group.map(render).join(separator)})`

/** FTS5: the entries carrying this facet word (a tag's or author's, src/search/entries.ts). */
export const fts5Facet = (facet: string) => `facets : "${facet.replaceAll('"', '""')}"`

/** FTS5: the words in the indexed text columns, and any facets (a tag's or author's word, src/search/entries.ts) required. */
export function fts5Match(query: ParsedQuery, columns: string[], facets: string[] = []): string {
  const wanted = query.all.map(any(ftsTerm, ' OR ')).join(' AND ')
  const unwanted = query.none.map((term) => ` NOT ${ftsTerm(term)}`).join('')
  const required = facets.map((facet) => `${fts5Facet(facet)} AND `).join('')
  return `${required}{${columns.join(' ')}} : (${wanted}${unwanted})`
}

const tsLexeme = (word: string) => `'${word.replaceAll("'", "''").replaceAll('\\', '')}'`
const tsTerm = (term: SearchTerm) => {
  const words = term.words.map(tsLexeme)
  if (term.prefix) words[words.length - 1] += ':*'
  return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`
}

/** PostgreSQL: a `to_tsquery` text. */
export function tsQuery(query: ParsedQuery): string {
  const wanted = query.all.map(any(tsTerm, ' | ')).join(' & ')
  const unwanted = query.none.map((term) => ` & !${tsTerm(term)}`).join('')
  return `${wanted}${unwanted}`
}
