import { indexText, lightStem, normalizeWord, NO_WORD, tokenize } from '../../src/search/normalize'
import { parseQuery, QueryError } from '../../src/search/query'
import { snippetOf, SNIPPET_WORDS } from '../../src/search/snippet'
import { fts5Match, tsQuery } from '../../src/search/sqlExpressions'

describe('normalising words for the index and the query alike', () => {
  it.each([
    ['أحمد', 'احمد'],
    // light10 takes the dual's ان off a name too: harmless, as the query's إيران is taken the same way.
    ['إيران', 'اير'],
    ['آمال', 'امال'],
    ['مدرسة', 'مدرس'],
    ['مصطفى', 'مصطف'],
    ['مُسْتَقِرّ', 'مستقر'],
    ['الأمــن', 'امن'],
    ['بالعراق', 'عراق'],
    ['والعراق', 'عراق'],
    ['للعراق', 'عراق'],
    ['فالعراق', 'عراق'],
    ['العراقيون', 'عراق'],
    ['٢٠١٩', '2019'],
    ['Café', 'cafe'],
    ["Kata'ib", 'kataib'],
    ['Shiʿa', 'shia'],
    ['ÇAĞLAR', 'caglar'],
  ])('%s → %s', (word, normalised) => {
    expect(normalizeWord(word)).toBe(normalised)
  })

  it('gives the same normal form when a word comes again, also after more words than it remembers', () => {
    const words = ["Kata'ib", 'بالعراق', 'ÇAĞLAR', 'iraq', 'IRAQ', '٢٠١٩']
    const first = words.map(normalizeWord)
    expect(first).toEqual(['kataib', 'عراق', 'caglar', 'iraq', 'iraq', '2019'])
    expect(words.map(normalizeWord)).toEqual(first)
    // Made-up words past the bound (src/search/normalize.ts empties what it remembers when full).
    for (let i = 0; i < 120_000; i++) expect(normalizeWord(`Zx${i}Q`)).toBe(`zx${i}q`)
    expect(words.map(normalizeWord)).toEqual(first)
  })

  it('keeps a short word whole rather than strip it to nothing', () => {
    expect(lightStem('وال')).toBe('وال')
    expect(lightStem('ولد')).toBe('ولد')
  })

  it('keeps one index word per word of the original when aligned', () => {
    const text = 'Baghdad ـ بالعراق, 2019!'
    expect(tokenize(text).map((token) => token.word)).toEqual(['Baghdad', 'ـ', 'بالعراق', '2019'])
    expect(indexText(text, { aligned: true })).toBe(`baghdad ${NO_WORD} عراق 2019`)
    expect(indexText(text)).toBe('baghdad عراق 2019')
  })
})

describe('reading a query as readers type it', () => {
  it('reads words, phrases, exclusions, or, and the last word as a prefix', () => {
    const parsed = parseQuery('Kirkuk "oil deal" -budget or Erbil elect')
    expect(parsed.none.map((term) => term.words)).toEqual([['budget']])
    expect(parsed.all.map((group) => group.map((term) => term.words.join(' ')))).toEqual([['kirkuk'], ['oil deal'], ['erbil'], ['elect']])
    expect(parsed.all.flat().map((term) => term.prefix)).toEqual([false, false, false, true])
    expect(parseQuery('kirkuk or erbil').all).toHaveLength(1)
  })

  it('turns engine syntax into quoted words', () => {
    const parsed = parseQuery('NEAR(a b) title:x ^y "unclosed * z')
    expect(fts5Match(parsed, ['title'])).toBe('{title} : ("near a" AND "b" AND "title x" AND "y" AND "unclosed z")')
    expect(fts5Match(parsed, ['title'], ['tag"1'])).toBe('facets : "tag""1" AND {title} : ("near a" AND "b" AND "title x" AND "y" AND "unclosed z")')
    expect(tsQuery(parseQuery("x' & !y:* <-> zone"))).toBe("'x' & 'y' & 'zone':*")
  })

  it.each(['', '   ', '-only', '" "', '*** !!!', 'a'.repeat(201), Array.from({ length: 13 }, (_, i) => `w${i}`).join(' ')])('refuses %j', (q) => {
    expect(() => parseQuery(q)).toThrow(QueryError)
  })
})

describe('snippets', () => {
  it('shows a short text whole, with offsets and escaped marks', () => {
    const snippet = snippetOf('The <b>Kirkuk</b> deal.', parseQuery('kirkuk').all.flat())
    expect(snippet.text).toBe('The <b>Kirkuk</b> deal.')
    expect(snippet.highlights).toEqual([{ start: 7, end: 13 }])
    expect(snippet.html).toBe('The &lt;b&gt;<mark>Kirkuk</mark>&lt;/b&gt; deal.')
  })

  it('cuts a long text around the most matched words, at word boundaries', () => {
    const filler = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ')
    const text = `${filler} Kirkuk oil fields. ${filler} Kirkuk and the oil deal. ${filler}`
    const snippet = snippetOf(text, parseQuery('kirkuk oil').all.flat())
    expect(snippet.text.startsWith('… ')).toBe(true)
    expect(snippet.text.endsWith(' …')).toBe(true)
    expect(tokenize(snippet.text)).toHaveLength(SNIPPET_WORDS)
    expect(snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end))).toEqual(['Kirkuk', 'oil'])
  })

  it('marks stemmed forms and the prefix', () => {
    const snippet = snippetOf('The elections were electric.', parseQuery('election elec').all.flat())
    expect(snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end))).toEqual(['elections', 'electric'])
  })
})
