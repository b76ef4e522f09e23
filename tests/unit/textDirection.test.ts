import { directionOf, withTextDirections } from '../../src/richtext/direction'
import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'

describe('the stored direction of rich text follows its text', () => {
  test.each([
    ['قال Mustafa al-Kadhimi إن الحكومة لن تتراجع.', 'rtl'],
    ['Mustafa al-Kadhimi قال إن الحكومة لن تتراجع.', 'ltr'],
    ['2020 — العراق', 'rtl'],
    ['« שלום »', 'rtl'],
    ['Erdoğan', 'ltr'],
    ['١٢٣ 456 !', undefined],
    ['', undefined],
  ])('%s → %s', (text, direction) => {
    expect(directionOf(text)).toBe(direction)
  })

  test('each block gets its own direction, the root its first block’s; blocks without letters keep theirs', () => {
    const state = lexicalFromParagraphs(['الفصائل تتحدى الحكومة في بغداد.', 'An English paragraph.', '2024'])
    const result = withTextDirections(state)
    expect(result.root.children.map((block) => (block as { direction?: string }).direction)).toEqual(['rtl', 'ltr', 'ltr'])
    expect(result.root.direction).toBe('rtl')
  })

  test('anything that is not a rich-text document is left as it is', () => {
    for (const value of [null, undefined, 'text', {}, { root: {} }]) expect(withTextDirections(value)).toBe(value)
  })
})
