import { createHash, createHmac } from 'node:crypto'

/** Links a comment contains: http(s) URLs and bare www. addresses. */
export function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/\S+|\bwww\.[^\s.]+\.\S+/gi) ?? []).length
}

/** Case, spacing and punctuation do not make a comment different from one already posted. */
export function normalizeBody(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The fingerprint that duplicate detection compares. */
export const bodyFingerprint = (text: string): string => createHash('sha256').update(normalizeBody(text)).digest('hex')

/**
 * The sender's address as a keyed hash: rate limits can count per address across processes
 * without the database ever holding readers' IP addresses.
 */
export const addressFingerprint = (address: string, secret: string): string =>
  createHmac('sha256', secret).update(address).digest('hex').slice(0, 32)

/**
 * Whether the form was sent faster than a person could fill it in. `renderedAt` is when the
 * frontend showed the form (ms since the epoch); without it there is no signal.
 */
export function sentTooFast(renderedAt: null | number | undefined, minSeconds: number, now = Date.now()): boolean {
  if (typeof renderedAt !== 'number' || !Number.isFinite(renderedAt)) return false
  return now - renderedAt < minSeconds * 1000
}
