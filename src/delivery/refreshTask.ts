import type { TaskConfig } from 'payload'

import { purgeSurrogateKeys } from '../cache/purge'
import { refreshArticles } from './refresh'
import { articlesShowing } from './store'

export const DELIVERY_QUEUE = 'delivery'

/**
 * Re-renders the stored articles that show a changed document (`authors:3`): a renamed author
 * or tag, a replaced image, a retitled article linked from others. Queued in the change's
 * transaction, so it runs even if the process stops; then purges the responses those articles
 * were in.
 */
export const refreshShownTask = {
  slug: 'refreshPublishedArticles',
  inputSchema: [{ name: 'key', type: 'text', required: true }],
  retries: 3,
  handler: async ({ input, req }) => {
    const { key } = input as { key: string }
    const changed = await refreshArticles(req, await articlesShowing(req.payload, key, req))
    if (changed.length > 0) await purgeSurrogateKeys(req, ['articles', ...changed.map((id) => `articles:${id}`)])
    return { output: { refreshed: changed.length } }
  },
} satisfies TaskConfig
