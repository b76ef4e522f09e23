import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { Stage } from '../../../src/workflow/definition'

import { roleOf } from '../../../src/access/roles'
import { EDIT_AFTER_APPROVAL, isStage, stageAfterEdit, STAGE_LABELS, transitionBetween } from '../../../src/workflow/definition'
import { transitionRefused } from '../../../src/workflow/errors'
import { stashTransition } from '../../../src/workflow/pending'
import { editionOfWrite } from '../../../src/editions/editionOfWrite'

type ArticleWrite = {
  id?: number | string
  data?: Record<string, unknown>
  draft?: boolean
  autosave?: boolean
  where?: unknown
  publishAllLocales?: boolean | string
  publishSpecificLocale?: string
  unpublishAllLocales?: boolean | string
}

/** The stage of the newest version (a pending revision's, if any) and whether a version is live. */
async function readState(req: PayloadRequest, id: number | string): Promise<{ stage: Stage; live: boolean }> {
  const find = (draft: boolean) =>
    req.payload.findByID({
      collection: 'articles',
      id,
      draft,
      depth: 0,
      overrideAccess: true,
      select: { stage: true, _status: true },
      req,
    })
  const [latest, main] = await Promise.all([find(true), find(false)])
  return { stage: isStage(latest.stage) ? latest.stage : 'draft', live: main._status === 'published' }
}

/**
 * The editorial workflow, enforced for every write to an article (REST, GraphQL, Local API,
 * autosave, scheduled jobs). It decides which stage a write asks for (an explicit `stage`, or
 * Payload's own `_status: 'published'` / unpublish), checks it against the workflow definition
 * and the user's role, keeps `_status` in step, and saves every write that is not a publish or an
 * unpublish as a draft version, so editing a live article never takes it down.
 *
 * Trusted server code may pass `context: { workflowBypass: true }` (demo seed, importers).
 */
export const applyWorkflow: CollectionBeforeOperationHook<'articles'> = async ({ args: hookArgs, operation, overrideAccess, req }) => {
  if (operation !== 'create' && operation !== 'update') return hookArgs
  const args = hookArgs as ArticleWrite
  const data = (args.data ??= {})
  const note = typeof data.workflowNote === 'string' ? data.workflowNote.trim() : ''
  delete data.workflowNote

  // Each edition goes through the workflow on its own (src/editions): a write names one.
  const locale = editionOfWrite(req, args)
  if (req.context.workflowBypass === true) {
    data.stage = data._status === 'published' ? 'published' : isStage(data.stage) ? data.stage : 'draft'
    return hookArgs
  }
  // Without a user or trusted access, the access rules refuse the write: say nothing about its stage.
  if (!req.user && !overrideAccess) return hookArgs
  if (data.stage !== undefined && !isStage(data.stage)) {
    throw new APIError(`Unknown stage "${String(data.stage)}". Stages: ${Object.keys(STAGE_LABELS).join(', ')}.`, 400, undefined, true)
  }

  if (operation === 'update' && args.id === undefined) {
    if ('stage' in data || '_status' in data) {
      throw new APIError('Change the workflow stage one article at a time.', 400, undefined, true)
    }
    args.draft = true
    return hookArgs
  }

  const { stage: current, live } =
    operation === 'create' ? { stage: 'draft' as Stage, live: false } : await readState(req, args.id!)
  const requested: Stage = isStage(data.stage)
    ? data.stage
    : data._status === 'published'
      ? 'published'
      : data._status === 'draft' && !args.draft && live
        ? 'archived' // Payload's own "Unpublish"
        : current
  const actorId = req.user?.id ?? null
  const key = operation === 'create' ? 'new' : args.id!

  if (requested === current) {
    if (current === 'published') {
      // An edit of the live article starts a new revision; the live version stays up.
      data.stage = 'draft'
      stashTransition(req, key, { transition: 'revise', from: 'published', to: 'draft', actorId, wasLive: live, locale })
    } else {
      data.stage = stageAfterEdit(current, req.user ? roleOf(req.user) : undefined)
      if (data.stage !== current) {
        stashTransition(req, key, { transition: EDIT_AFTER_APPROVAL.transition, from: current, to: data.stage as Stage, note: EDIT_AFTER_APPROVAL.note, actorId, wasLive: live, locale })
      }
    }
    data._status = 'draft'
    // Updates are saved as draft versions; a create may validate as a whole document if asked to.
    if (operation === 'update') args.draft = true
    return hookArgs
  }

  // No user here means trusted server code (a job running as the system), which has every right.
  const role = req.user ? roleOf(req.user) : 'admin'
  if (args.autosave) {
    throw transitionRefused(current, requested, role, 'autosave cannot change the stage; use the workflow buttons.')
  }
  const transition = transitionBetween(current, requested)
  if (!transition) throw transitionRefused(current, requested, role, 'the workflow has no such step.')
  if (!role || !transition.roles.includes(role)) {
    throw transitionRefused(current, requested, role, `your role (${role ?? 'none'}) may not "${transition.label}".`, 403)
  }
  if (transition.noteRequired && !note) {
    throw transitionRefused(current, requested, role, `"${transition.label}" needs a note for the writer (workflowNote).`)
  }

  data.stage = requested
  data._status = requested === 'published' ? 'published' : 'draft'
  // Publishing writes the live version; unpublishing or archiving a live article takes it down.
  args.draft = !(requested === 'published' || (requested === 'archived' && live))
  stashTransition(req, key, { transition: transition.name, from: current, to: requested, note: note || undefined, actorId, wasLive: live, locale })
  return hookArgs
}
