import { APIError } from 'payload'

import type { Stage, Transition } from './definition'

import { STAGE_LABELS, transitionsFor } from './definition'
import type { Role } from '../access/roles'

const describe = (transitions: Transition[]) =>
  transitions.length === 0
    ? 'none for your role'
    : transitions.map((t) => `${t.label} (→ ${STAGE_LABELS[t.to]})`).join(', ')

/** A refused workflow step: names the current stage, the attempted one and what is allowed. */
export function transitionRefused(from: Stage, to: Stage, role: Role | undefined, reason: string, status = 400): APIError {
  const allowed = describe(transitionsFor(from, role))
  return new APIError(
    `Cannot move this article from "${STAGE_LABELS[from]}" to "${STAGE_LABELS[to]}": ${reason} Allowed from "${STAGE_LABELS[from]}": ${allowed}.`,
    status,
    { from, to, allowed: transitionsFor(from, role).map((t) => t.name) },
    true,
  )
}
