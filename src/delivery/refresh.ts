import type { PayloadRequest } from 'payload'

import { EDITION_CODES } from '../editions/locales'
import { renderPublicArticles } from './render'
import { deleteRows, hasDeliveryStore, saveRows, storedRows } from './store'

const BATCH = 100

/**
 * Brings the store's rows for these articles in step with the database, in every edition and in
 * the caller's transaction: re-rendered where public, removed where not. Returns the ids whose
 * public JSON changed in some edition (added, edited or removed).
 */
export async function refreshArticles(req: PayloadRequest, ids: Array<number | string>, locales = EDITION_CODES): Promise<string[]> {
  if (!hasDeliveryStore(req.payload) || ids.length === 0) return []
  const changed = new Set<string>()
  for (const locale of locales) {
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH).map(String)
      const rendered = await renderPublicArticles(req, batch, locale)
      const before = await storedRows(req.payload, batch, locale, req)
      const renderedIds = new Set(rendered.map((row) => row.article))
      const edited = rendered.filter((row) => before.get(row.article)?.json !== row.json || before.get(row.article)?.format !== row.format)
      const removed = batch.filter((id) => !renderedIds.has(id) && before.has(id))
      await saveRows(req.payload, edited, req)
      await deleteRows(req.payload, removed, req, locale)
      for (const id of [...edited.map((row) => row.article), ...removed]) changed.add(id)
    }
  }
  return [...changed]
}
