import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { Article } from '../../../src/payload-types'

import { roleOf } from '../../../src/access/roles'
import { isStage, planRestore, STAGE_LABELS, VERSION_RESTORE } from '../../../src/workflow/definition'
import { stashTransition } from '../../../src/workflow/pending'
import { DEFAULT_EDITION, EDITIONS } from '../../../src/editions/locales'

type ByLocale = Partial<Record<string, string>> | string | null | undefined
const statusIn = (status: ByLocale, locale: string) => (typeof status === 'object' && status ? status[locale] : status) === 'published'

/**
 * Payload restores a version with every edition in it, each edition's publication status
 * included, and judges it in the default edition. Restoring as the article (not as a draft) is
 * therefore refused when it would publish or take down another edition: that edition has its own
 * review. Restoring as a draft touches no edition's live version.
 */
async function refuseChangingOtherEditions(req: PayloadRequest, id: number | string, versionId: number | string): Promise<void> {
  const [version, main] = await Promise.all([
    req.payload.findVersionByID({ collection: 'articles', id: String(versionId), locale: 'all', depth: 0, overrideAccess: true, req }),
    req.payload.findByID({ collection: 'articles', id, locale: 'all', draft: false, depth: 0, overrideAccess: true, select: { _status: true }, req }),
  ])
  const changed = EDITIONS.filter(({ code }) => code !== DEFAULT_EDITION && statusIn((version.version as { _status?: ByLocale })._status, code) !== statusIn(main._status as ByLocale, code))
  if (changed.length > 0) {
    throw new APIError(`Cannot restore this version as the article: it would also ${statusIn(main._status as ByLocale, changed[0]!.code) ? 'take down' : 'publish'} the ${changed.map((edition) => edition.label).join(' and ')} edition, which has its own review. Restore it as a draft instead (?draft=true).`, 400, undefined, true)
  }
}

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

  if (!request.asDraft) await refuseChangingOtherEditions(req, originalDoc.id, request.versionId)

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
    locale: DEFAULT_EDITION,
  })
  return data
}
