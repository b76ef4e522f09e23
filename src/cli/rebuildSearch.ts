/**
 * npm run search:rebuild
 * Builds the search index (src/search) afresh from the delivery store. The server does this by
 * itself at start when the index's size or format disagrees with the store; run it after changing
 * content around the API (then `npm run delivery:rebuild -- --all` first).
 */
import { searchEngineOf } from '../search/indexing'
import { rebuildSearchIndex } from '../search/readiness'
import { runCommand, withPayload } from './command'

runCommand(() =>
  withPayload(async (payload) => {
    if (!searchEngineOf(payload)) {
      console.log('MongoDB has no search index of ours: searches read through Payload (docs/search.md). Nothing to do.')
      return 0
    }
    const started = Date.now()
    const written = await rebuildSearchIndex(payload)
    console.log(`Search index: ${written} entr${written === 1 ? 'y' : 'ies'} written in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
    return 0
  }),
)
