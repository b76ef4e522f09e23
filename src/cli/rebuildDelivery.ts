/**
 * npm run delivery:rebuild -- [--all]
 * Brings the delivery store (src/delivery) in step with the database: renders published articles
 * whose stored JSON is missing or of an older format and removes those no longer published. The
 * server does this by itself at start when the counts or the format disagree; run it with --all
 * after changing content around the API (SQL by hand, a restored backup of one table), which
 * neither the change hooks nor that check can see.
 */
import { parseArgs } from 'node:util'

import { rebuildDeliveryStore } from '../delivery/readiness'
import { hasDeliveryStore } from '../delivery/store'
import { runCommand, withPayload } from './command'

runCommand(async () => {
  const { values } = parseArgs({ options: { all: { type: 'boolean', default: false } } })
  return withPayload(async (payload) => {
    if (!hasDeliveryStore(payload)) {
      console.log('MongoDB keeps no delivery store: public reads go through Payload. Nothing to do.')
      return 0
    }
    const started = Date.now()
    const { rendered, removed } = await rebuildDeliveryStore(payload, { all: values.all })
    console.log(`Delivery store: ${rendered} article${rendered === 1 ? '' : 's'} rendered, ${removed} removed, in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
    return 0
  })
})
