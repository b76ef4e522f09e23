import type { PayloadRequest } from 'payload'

import type { EditionCode } from '../editions/locales'
import type { Stage } from './definition'

/** One workflow step taken on an article. */
export type WorkflowTransitionEvent = {
  articleId: number | string
  transition: string
  from: Stage | null
  to: Stage
  note?: string
  /** The staff member who took it, or null for the system (a scheduled job). */
  actorId: number | string | null
  at: string
  /** Whether a version of the article was live before this step. */
  wasLive?: boolean
  /** The edition (locale) that took the step: each moves through the workflow on its own. */
  locale: EditionCode
}

export type WorkflowListener = (event: WorkflowTransitionEvent, req: PayloadRequest) => Promise<void> | void

const listeners = new Set<WorkflowListener>()

/**
 * Subscribes to every workflow transition (webhooks, email, search indexing…). Listeners run
 * inside the transaction that made the change, with its `req`, so durable work they queue
 * commits or rolls back with it. Returns a function that unsubscribes.
 */
export function onWorkflowTransition(listener: WorkflowListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export async function emitWorkflowTransition(event: WorkflowTransitionEvent, req: PayloadRequest): Promise<void> {
  for (const listener of listeners) await listener(event, req)
}
