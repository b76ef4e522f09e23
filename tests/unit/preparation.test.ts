import type { Payload } from 'payload'

import { setTimeout as sleep } from 'node:timers/promises'

import { isStopping, preparationStates, PreparationStopped, stopIfStopping, stopPreparations } from '../../src/process/preparation'

/**
 * Stopping a process's start-up preparations (src/process/preparation.ts): closeDatabase asks
 * them to stop and waits until the one under way has ended its batch, so the database never
 * closes under a rebuild.
 */
test('stopping waits for the run under way, which stops at its next batch and does no more', async () => {
  const payload = {} as Payload
  const stateOf = preparationStates()
  let batches = 0
  let endedWith: unknown
  stateOf(payload).preparing = (async () => {
    for (;;) {
      stopIfStopping(payload)
      await sleep(5) // one batch
      batches++
    }
  })().catch((error: unknown) => {
    endedWith = error
  })
  await sleep(30)
  expect(isStopping(payload)).toBe(false)
  await stopPreparations(payload)
  expect(isStopping(payload)).toBe(true)
  expect(endedWith).toBeInstanceOf(PreparationStopped)
  const done = batches
  expect(done).toBeGreaterThan(0)
  await sleep(30)
  expect(batches).toBe(done)
})

test('every preparation of the instance is waited for, and other instances go on', async () => {
  const [stopped, other] = [{} as Payload, {} as Payload]
  const [store, search] = [preparationStates(), preparationStates()]
  const ended: string[] = []
  store(stopped).preparing = sleep(20).then(() => void ended.push('store'))
  search(stopped).preparing = sleep(40).then(() => void ended.push('search'))
  await stopPreparations(stopped)
  expect(ended.sort()).toEqual(['search', 'store'])
  expect(() => stopIfStopping(other)).not.toThrow()
  expect(() => stopIfStopping(stopped)).toThrow(PreparationStopped)
})

test('a run that never reaches its next batch (a database that stopped answering) is waited for only so long', async () => {
  const payload = {} as Payload
  preparationStates()(payload).preparing = new Promise<void>(() => {})
  const started = Date.now()
  await stopPreparations(payload, 50)
  expect(Date.now() - started).toBeGreaterThanOrEqual(45)
  expect(Date.now() - started).toBeLessThan(2000)
  expect(isStopping(payload)).toBe(true)
})
