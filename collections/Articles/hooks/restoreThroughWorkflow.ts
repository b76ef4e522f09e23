import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

import type { Article } from '../../../src/payload-types'

import { roleOf } from '../../../src/access/roles'
import { isStage, planRestore, STAGE_LABELS, VERSION_RESTORE } from '../../../src/workflow/definition'
import { stashTransition } from '../../../src/workflow/pending'

const RESTORE_KEY = 'workflow:restoreVersion'

type RestoreRequest = { versionId: number | string; asDraft: boolean }

/**
 * Payload's restoreVersion operation runs no create/update operation hooks, and it reads its
 * `draft` argument before any hook could change it. So the request is noted here and judged in
 * `applyRestoreRule`, once Payload has checked access to the article and loaded the version.
 * Any other write clears the note, so it can never apply to anything but its own restore.
 */
export const noteRestoreRequest: CollectionBeforeOperationHook<'articles'> = ({ args, operation, req }) => {
  if (operation === 'restoreVersion') {
    const { id, draft } = args as { id?: number | string; draft?: boolean }
    if (id !== undefined) req.context[RESTORE_KEY] = { versionId: id, asDraft: draft === true } satisfies RestoreRequest
  } else if (operation === 'create' || operation === 'update' || operation === 'delete') {
    delete req.context[RESTORE_KEY]
  }
  return args
}

/**
 * A restore obeys the workflow (src/workflow/definition.ts, `planRestore`): writers only ever
 * restore into a new draft of their own article; only editors and admins put a version that was
 * live back live (a publish: store, webhooks and caches follow through the usual afterChange hooks
 * and workflow events); no restore takes a live article down. The stage comes from the rule, never
 * from the restored version, and the step is recorded in the history. A refusal throws before
 * anything is written.
 */
export const applyRestoreRule: CollectionBeforeChangeHook<Article> = async ({ data, originalDoc, req }) => {
  const request = req.context[RESTORE_KEY] as RestoreRequest | undefined
  if (!request || req.context.isRestoringVersion !== true || !originalDoc) return data
  delete req.context[RESTORE_KEY]
  if (req.context.workflowBypass === true) return data

  const main = await req.payload.findByID({ collection: 'articles', id: originalDoc.id, draft: false, depth: 0, overrideAccess: true, select: { _status: true }, req })
  const articleIsLive = main._status === 'published'
  const current = isStage(originalDoc.stage) ? originalDoc.stage : 'draft'
  // No user means trusted server code (the Local API with its default overrideAccess).
  const role = req.user ? roleOf(req.user) : 'admin'
  const plan = planRestore({ role, asDraft: request.asDraft, versionWasLive: data._status === 'published', articleIsLive })
  if (!plan.allowed) {
    throw new APIError(`Cannot restore this version (the article is "${STAGE_LABELS[current]}"): ${plan.reason}`, plan.status, { from: current }, true)
  }

  data.stage = plan.to
  data._status = plan.goesLive ? 'published' : 'draft'
  // The date the article first went live is not the restored version's to change: an older
  // version without one would otherwise be stamped again at the next publish and sort as new.
  if (originalDoc.publishedAt) data.publishedAt = originalDoc.publishedAt
  stashTransition(req, originalDoc.id, {
    transition: VERSION_RESTORE.transition,
    from: current,
    to: plan.to,
    note: `Restored version ${String(request.versionId)}${plan.goesLive ? ' as the live article' : ' as a draft'}.`,
    actorId: req.user?.id ?? null,
    wasLive: articleIsLive,
  })
  return data
}
