import type { Payload, TypedUser, Where } from 'payload'

import type { EditionCode } from './locales'

import { liveIn } from './liveEditions'
import { EDITION_CODES } from './locales'

export type AwaitingTranslation = {
  id: number | string
  /** The title in an edition where the article is live. */
  title: string
  /** The editions the article is live in. */
  liveIn: EditionCode[]
  /** The editor this edition is assigned to, if any. */
  assignee: number | string | null
  /** This edition's stage, when it has been started. */
  stage: null | string
}

type PerLocale<T> = Partial<Record<EditionCode, T>> | null | undefined

/**
 * Articles live in another edition but not in `edition`: the translation desk's list, with the
 * edition's assignee and stage (a translation in review is listed until it goes live). Runs with
 * the user's own access.
 */
export async function awaitingTranslation(payload: Payload, edition: EditionCode, user: TypedUser, { limit = 20, page = 1 } = {}) {
  const others = EDITION_CODES.filter((code) => code !== edition)
  const where: Where = {
    and: [{ or: others.map(liveIn) }, { [`_status.${edition}`]: { not_equals: 'published' } }],
  }
  const result = await payload.find({
    collection: 'articles',
    where,
    locale: 'all',
    depth: 0,
    limit,
    page,
    sort: '-publishedAt',
    select: { title: true, _status: true },
    overrideAccess: false,
    user,
  })
  // The edition's stage and assignee are the latest revision's (a translation under way is a draft).
  const latest = new Map(
    result.docs.length === 0
      ? []
      : (
          await payload.find({
            collection: 'articles',
            where: { id: { in: result.docs.map((doc) => doc.id) } },
            locale: 'all',
            draft: true,
            depth: 0,
            limit: result.docs.length,
            pagination: false,
            select: { assignee: true, stage: true },
            overrideAccess: false,
            user,
          })
        ).docs.map((doc) => [doc.id, doc]),
  )
  const docs: AwaitingTranslation[] = result.docs.map((doc) => {
    const status = doc._status as PerLocale<string>
    const title = doc.title as unknown as PerLocale<string>
    const liveIn = others.filter((code) => status?.[code] === 'published')
    const revision = latest.get(doc.id)
    return {
      id: doc.id,
      title: title?.[liveIn[0]!] ?? '',
      liveIn,
      assignee: ((revision?.assignee as unknown as PerLocale<number | string>)?.[edition] as number | string | undefined) ?? null,
      stage: (revision?.stage as unknown as PerLocale<string>)?.[edition] ?? null,
    }
  })
  return { ...result, docs }
}
