import fc from 'fast-check'

import { numbered } from '../../src/slugs/freeSlug'
import { isNormalSlug, SLUG_MAX_LENGTH, slugify } from '../../src/slugs/slugify'

/** Characters a URL path segment carries without encoding, once percent-encoded (RFC 3986 unreserved and %XX). */
const URL_SAFE = /^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+$/

describe('the slug rule', () => {
  test.each([
    ['Ünïcödé Ça va? Überraschung', 'unicode-ca-va-uberraschung'],
    ['Erdoğan', 'erdogan'],
    ['al-Kādhimī and Sadr', 'al-kadhimi-and-sadr'],
    ['Łódź, Straße, Øresund, Æsir', 'lodz-strasse-oresund-aesir'],
    ['İstanbul', 'istanbul'],
    ['Baghdad’s new militias', 'baghdads-new-militias'],
    ['الميليشيات العراقية تتحدى الحكومة', 'الميليشيات-العراقية-تتحدى-الحكومة'],
    ['مُحَمَّد', 'محمد'],
    ['ﻻ إله', 'لا-إله'],
    ['ـــالعـــراق', 'العراق'],
    ['می‌خواهم', 'می-خواهم'],
    ['שָׁלוֹם', 'שלום'],
    ['远征手记', '远征手记'],
    ['Ελλάδα', 'ελλάδα'],
    ['ＦＵＬＬ　ｗｉｄｔｈ', 'full-width'],
    ['a\u202Eevil\u200Bname', 'a-evil-name'],
    ['¿¡…!?', 'article'],
    ['', 'article'],
    ['🙂🙂', 'article'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title, 'article')).toBe(slug)
  })

  test('a long title is cut at a word boundary within the limit', () => {
    const slug = slugify('word '.repeat(60), 'article')
    expect([...slug].length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
    expect(slug.endsWith('word')).toBe(true)
  })

  test('numbered candidates stay within the limit', () => {
    const long = slugify('a'.repeat(200), 'article')
    expect([...numbered(long, 12)].length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
    expect(numbered(long, 12).endsWith('-12')).toBe(true)
    expect(numbered('kirkuk', 1)).toBe('kirkuk')
  })
})

describe('for any Unicode title (fast-check)', () => {
  const titles = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }))

  test('the slug is non-empty, within the limit, URL-safe once encoded, and has no separator at either end or twice', () => {
    fc.assert(
      fc.property(titles, (title) => {
        const slug = slugify(title, 'article')
        expect(slug.length).toBeGreaterThan(0)
        expect([...slug].length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
        expect(encodeURIComponent(slug)).toMatch(URL_SAFE)
        expect(slug).not.toMatch(/^-|-$|--|\s|\//)
      }),
      { numRuns: 3000 },
    )
  })

  test('the rule is idempotent: a slug goes through unchanged, so saving again never moves a URL', () => {
    fc.assert(
      fc.property(titles, (title) => {
        const slug = slugify(title, 'article')
        expect(slugify(slug, 'article')).toBe(slug)
        expect(isNormalSlug(slug)).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  test('numbered slugs are normal slugs too, and distinct for distinct numbers', () => {
    fc.assert(
      fc.property(titles, fc.integer({ min: 2, max: 10_000 }), (title, n) => {
        const slug = slugify(title, 'article')
        const next = numbered(slug, n)
        expect(isNormalSlug(next)).toBe(true)
        expect(next).not.toBe(numbered(slug, n + 1))
      }),
      { numRuns: 1000 },
    )
  })
})
