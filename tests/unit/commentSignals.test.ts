import { addressFingerprint, bodyFingerprint, countLinks, normalizeBody, sentTooFast } from '../../src/comments/signals'
import { threadOrder } from '../../src/comments/thread'

describe('comment spam signals', () => {
  test('links are counted: http(s) URLs and bare www. addresses', () => {
    expect(countLinks('no links here, e.g. a.b or 1.5')).toBe(0)
    expect(countLinks('see https://example.com/a?b=1 and http://x.test')).toBe(2)
    expect(countLinks('www.cheap-pills.example and WWW.Other.example')).toBe(2)
  })

  test('case, spacing and punctuation do not make a comment new', () => {
    expect(normalizeBody('  Great   piece!!! ')).toBe('great piece')
    expect(bodyFingerprint('Great piece.')).toBe(bodyFingerprint('GREAT, piece'))
    expect(bodyFingerprint('Great piece.')).not.toBe(bodyFingerprint('Great pieces.'))
  })

  test('addresses are keyed hashes: stable per secret, never the address itself', () => {
    const hash = addressFingerprint('203.0.113.7', 'secret-a')
    expect(hash).toBe(addressFingerprint('203.0.113.7', 'secret-a'))
    expect(hash).not.toBe(addressFingerprint('203.0.113.7', 'secret-b'))
    expect(hash).not.toContain('203')
  })

  test('a form sent within the minimum time is too fast; no time given is no signal', () => {
    const now = 1_000_000
    expect(sentTooFast(now - 1000, 3, now)).toBe(true)
    expect(sentTooFast(now - 3000, 3, now)).toBe(false)
    expect(sentTooFast(undefined, 3, now)).toBe(false)
    expect(sentTooFast(null, 3, now)).toBe(false)
  })
})

describe('thread order', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString()
  test('roots oldest first, each followed by its replies depth first', () => {
    const ordered = threadOrder([
      { id: 3, parent: 1, createdAt: at(3) },
      { id: 2, parent: null, createdAt: at(2) },
      { id: 1, parent: null, createdAt: at(1) },
      { id: 4, parent: { id: 3 }, createdAt: at(4) },
      { id: 5, parent: 1, createdAt: at(5) },
    ])
    expect(ordered.map((c) => `${c.depth}:${c.id}`)).toEqual(['0:1', '1:3', '2:4', '1:5', '0:2'])
  })

  test('a reply whose parent is missing is left out with its own replies', () => {
    const ordered = threadOrder([
      { id: 1, parent: null, createdAt: at(1) },
      { id: 2, parent: 99, createdAt: at(2) },
      { id: 3, parent: 2, createdAt: at(3) },
    ])
    expect(ordered.map((c) => c.id)).toEqual([1])
  })
})
