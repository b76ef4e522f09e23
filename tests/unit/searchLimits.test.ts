import { countCapOf, pagesOf, SEARCH_MAX_PAGE, SEARCH_MIN_COUNT } from '../../src/search/limits'

describe('how far a search counts, and how many pages it has', () => {
  it('counts at least 1,000 whatever the limit, and as far as 100 pages reach beyond that', () => {
    expect(SEARCH_MIN_COUNT).toBe(1000)
    expect(countCapOf({ limit: 1 })).toBe(1000)
    expect(countCapOf({ limit: 10 })).toBe(1000)
    expect(countCapOf({ limit: 11 })).toBe(1100)
    expect(countCapOf({ limit: 50 })).toBe(5000)
    expect(countCapOf({ limit: 50, countCap: 2 })).toBe(2)
  })

  it('never gives a page past the last one a reader may ask for', () => {
    expect(pagesOf(0, 10)).toBe(0)
    expect(pagesOf(3, 1)).toBe(3)
    expect(pagesOf(1000, 10)).toBe(100)
    expect(pagesOf(1000, 1)).toBe(SEARCH_MAX_PAGE)
    expect(pagesOf(5000, 50)).toBe(100)
    expect(pagesOf(11, 10)).toBe(2)
  })
})
