import { onWorkflowTransition } from '../workflow/events'
import { purgeSurrogateKeys } from './purge'

let registered = false

/** Taking a live article down changes what readers see: purge it and the article lists. */
export function registerCacheSubscribers(): void {
  if (registered) return
  registered = true
  onWorkflowTransition(async (event, req) => {
    if (event.wasLive && event.to === 'archived') await purgeSurrogateKeys(req, ['articles', `articles:${event.articleId}`])
  })
}
