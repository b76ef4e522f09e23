import { foundLine } from '../../src/reader/searchPage'

describe('the search page’s hit count', () => {
  it('counts exactly in English, with one article singular', () => {
    expect(foundLine('en', 1, true)).toBe('1 article')
    expect(foundLine('en', 12, true)).toBe('12 articles')
    expect(foundLine('en', 1000, true)).toBe('1,000 articles')
  })

  it('says "or more" where the API stopped counting', () => {
    expect(foundLine('en', 1000, false)).toBe('1,000+ articles')
    expect(foundLine('ar', 1000, false)).toBe('أكثر من 1,000 مقالة')
  })

  it('uses the Arabic plural forms when exact', () => {
    expect(foundLine('ar', 1, true)).toBe('مقالة واحدة')
    expect(foundLine('ar', 2, true)).toBe('مقالتان')
    expect(foundLine('ar', 5, true)).toBe('5 مقالات')
    expect(foundLine('ar', 11, true)).toBe('11 مقالة')
  })
})
