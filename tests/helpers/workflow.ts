import type { Stage } from '../../src/workflow/definition'

import { api } from './http'

/** Takes an article's edition (English unless named) through workflow steps over REST as one user; fails loudly on a refusal. */
export async function moveArticle(baseUrl: string, id: number, token: string, stages: Stage[], locale = 'en'): Promise<void> {
  for (const stage of stages) {
    const result = await api(baseUrl, `/api/articles/${id}?draft=true&locale=${locale}`, { method: 'PATCH', token, body: { stage } })
    if (result.status !== 200) throw new Error(`${locale} -> ${stage}: ${JSON.stringify(result.body)}`)
  }
}

/** An editor's reviewed revision of a live article: save the change as a draft, review, publish. */
export async function publishRevision(baseUrl: string, id: number, token: string, change: Record<string, unknown>): Promise<void> {
  const saved = await api(baseUrl, `/api/articles/${id}?draft=true`, { method: 'PATCH', token, body: change })
  if (saved.status !== 200) throw new Error(`draft save: ${JSON.stringify(saved.body)}`)
  await moveArticle(baseUrl, id, token, ['in_review', 'approved', 'published'])
}
