import type { PayloadRequest } from 'payload'

import type { WorkflowTransitionEvent } from './events'

type Pending = Omit<WorkflowTransitionEvent, 'articleId' | 'at'>

const keyFor = (id: number | string) => `workflow:pending:${String(id)}`

/** Remembers, for the rest of this request, the transition a write is about to make. */
export function stashTransition(req: PayloadRequest, id: number | string, pending: Pending): void {
  req.context[keyFor(id)] = pending
}

/** Takes (once) the transition stashed for a document; 'new' is the key for a create. */
export function takeTransition(req: PayloadRequest, id: number | string): Pending | undefined {
  const pending = req.context[keyFor(id)] as Pending | undefined
  delete req.context[keyFor(id)]
  return pending
}
