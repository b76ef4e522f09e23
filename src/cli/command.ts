import type { Payload } from 'payload'

import { closeDatabase } from '../db/connection'

/** Boots Payload for a command, runs `work` with it, and closes the database whatever happens. */
export async function withPayload<T>(work: (payload: Payload) => Promise<T>): Promise<T> {
  const [{ default: config }, { getPayload }] = await Promise.all([import('../../payload.config'), import('payload')])
  const payload = await getPayload({ config })
  try {
    return await work(payload)
  } finally {
    await closeDatabase(payload)
  }
}

/** Runs a command and exits with the code it returns; an error is printed (its message, no stack) and exits 1. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    },
  )
}
