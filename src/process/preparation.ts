import type { Payload } from 'payload'

/** Whether a start-up preparation (the delivery store's, the search index's) is done in this process, and its run if under way. */
export type PreparationState = { ready: boolean; preparing?: Promise<void> }

/** Every preparation state of each Payload instance, so that stopping can wait for the runs under way. */
const statesOf = new WeakMap<Payload, PreparationState[]>()
const stopping = new WeakSet<Payload>()

/** One preparation's state per Payload instance (a test may boot several in one process). */
export function preparationStates(): (payload: Payload) => PreparationState {
  const states = new WeakMap<Payload, PreparationState>()
  return (payload) => {
    let state = states.get(payload)
    if (!state) {
      states.set(payload, (state = { ready: false }))
      statesOf.set(payload, [...(statesOf.get(payload) ?? []), state])
    }
    return state
  }
}

/** Thrown between two batches of a rebuild when the process is stopping. */
export class PreparationStopped extends Error {
  constructor() {
    super('the process is stopping: the rebuild stopped between two batches, and the next start finishes it')
  }
}

/** Whether this instance is stopping: a preparation neither goes on nor tries again. */
export const isStopping = (payload: Payload): boolean => stopping.has(payload)

/** Called by a rebuild between its batches (each its own transaction, so nothing is left half-written). */
export function stopIfStopping(payload: Payload): void {
  if (stopping.has(payload)) throw new PreparationStopped()
}

/**
 * How long stopping waits for a batch under way. A batch takes a second or two; one stuck on a
 * database that stopped answering must not keep the process from exiting.
 */
const STOP_WAIT_MS = 15_000

/**
 * Asks the preparations under way to stop at their next batch, and waits for them (up to
 * STOP_WAIT_MS): the database is closed only after (src/db/connection.ts), so a rebuild never
 * finds its connection gone mid-batch. A stopped rebuild leaves the store or the index out of
 * step, which the next start finds and finishes.
 */
export async function stopPreparations(payload: Payload, waitMs = STOP_WAIT_MS): Promise<void> {
  stopping.add(payload)
  let timer: NodeJS.Timeout | undefined
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs).unref()))
  await Promise.race([Promise.allSettled((statesOf.get(payload) ?? []).map((state) => state.preparing)), waited])
  clearTimeout(timer)
}
