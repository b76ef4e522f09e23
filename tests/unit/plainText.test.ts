import fs from 'node:fs'

import { ImportError, parsePlainTextArticle } from '../../src/import/formats/plainText'
import { lexicalFromParagraphs, paragraphsFromLexical } from '../../src/richtext/paragraphs'
import { demoArticleFile, sampleArticleFiles } from '../helpers/samples'

describe('parsePlainTextArticle', () => {
  test('reads the sample article: title, byline and every paragraph, without the blog boilerplate', () => {
    const parsed = parsePlainTextArticle(fs.readFileSync(demoArticleFile, 'utf8'))
    expect(parsed.title).toBe('Iraqi militias defy government, expand networks and pressure')
    expect(parsed.byline).toBe('Ali Mamouri')
    expect(parsed.paragraphs).toHaveLength(14)
    expect(parsed.paragraphs[0]).toMatch(/^The social pressure on the outlawed militias/)
    expect(parsed.paragraphs.at(-1)).toMatch(/Iran could use in any upcoming negotiations/)
    expect(parsed.paragraphs).not.toContain('No comments:')
    expect(parsed.paragraphs).not.toContain('Post a Comment')
    expect(parsed.paragraphs.join('\n')).toContain('Iran’s Islamic Revolutionary Guards Corps')
  })

  test.each(sampleArticleFiles())('every shared sample parses: %s', (file) => {
    const text = fs.readFileSync(file, 'utf8')
    const parsed = parsePlainTextArticle(text)
    const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean)
    expect(parsed.title).toBe(lines[0])
    // Every body line of the file is a paragraph, except boilerplate at the end.
    expect(lines.slice(2, 2 + parsed.paragraphs.length)).toEqual(parsed.paragraphs)
  })

  test('drops several kinds of trailing boilerplate but keeps the same words inside the article', () => {
    const parsed = parsePlainTextArticle(
      ['A title', 'By Jane Doe', 'Post a Comment', 'Real paragraph.', '3 comments:', 'Newer Post Older Post Home', 'Subscribe to: Post Comments (Atom)'].join('\n'),
    )
    expect(parsed.byline).toBe('Jane Doe')
    expect(parsed.paragraphs).toEqual(['Post a Comment', 'Real paragraph.'])
  })

  test('handles Windows line endings, a byte-order mark and blank lines', () => {
    const parsed = parsePlainTextArticle('\uFEFFTitle\r\n\r\nAuthor\r\n\r\nOne.\r\n\r\nTwo.\r\n')
    expect(parsed).toEqual({ title: 'Title', byline: 'Author', paragraphs: ['One.', 'Two.'] })
  })

  test.each([
    ['', /empty/],
    ['Only a title\n', /byline/],
    ['Title\nAuthor\nNo comments:\nPost a Comment\n', /No body/],
  ])('rejects %j with a message that says what is missing', (text, message) => {
    expect(() => parsePlainTextArticle(text)).toThrow(ImportError)
    expect(() => parsePlainTextArticle(text)).toThrow(message)
  })
})

describe('Lexical paragraphs', () => {
  test('round-trip: every paragraph survives', () => {
    const paragraphs = ['First “quoted” paragraph.', 'Second — with a dash.']
    const state = lexicalFromParagraphs(paragraphs)
    expect(state.root.children).toHaveLength(2)
    expect(state.root.children[0]!.type).toBe('paragraph')
    expect(paragraphsFromLexical(state)).toEqual(paragraphs)
  })
})
