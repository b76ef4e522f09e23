import type { Payload } from 'payload'

/** Whether a start-up preparation (the delivery store's, the search index's) is done in this process, and its run if under way. */
export type PreparationState = { ready: boolean; preparing?: Promise<void> }

/** One preparation's state per Payload instance (a test may boot several in one process). */
export function preparationStates(): (payload: Payload) => PreparationState {
  const states = new WeakMap<Payload, PreparationState>()
  return (payload) => {
    let state = states.get(payload)
    if (!state) states.set(payload, (state = { ready: false }))
    return state
  }
}
