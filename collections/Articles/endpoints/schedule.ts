import type { Endpoint } from 'payload'

import { APIError } from 'payload'
import { z } from 'zod'

import { isDeskRole } from '../../../src/access/roles'
import { isStage, STAGE_LABELS } from '../../../src/workflow/definition'
import { DEFAULT_EDITION, editionOf, EDITIONS, isEditionCode } from '../../../src/editions/locales'

const body = z.object({
  action: z.enum(['publish', 'unpublish']),
  at: z.iso.datetime({ offset: true }),
})

/**
 * POST /api/articles/:id/schedule {"action": "publish" | "unpublish", "at": ISO date}
 * Queues Payload's durable `schedulePublish` job for an approved (or, to unpublish, a live)
 * article. When the job runs it acts as the editor who scheduled it, through the same workflow
 * rules: an article sent back for changes in the meantime is not published.
 */
export const scheduleEndpoint: Endpoint = {
  path: '/:id/schedule',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new APIError('Sign in to schedule publishing.', 401, undefined, true)
    if (!isDeskRole(req.user)) throw new APIError('Only editors and admins schedule publishing.', 403, undefined, true)
    const id = req.routeParams?.id as string
    const parsed = body.safeParse(await req.json?.().catch(() => undefined))
    if (!parsed.success) {
      throw new APIError('Send {"action": "publish" or "unpublish", "at": an ISO 8601 date with time zone}.', 400, undefined, true)
    }
    // The edition to publish (?locale=ar): Payload's job publishes one by name, but unpublishes
    // without one, so only the default edition's unpublishing can be scheduled.
    if (!isEditionCode(req.locale)) throw new APIError(`Schedule one edition at a time: ${EDITIONS.map((edition) => `locale=${edition.code}`).join(' or ')}.`, 400, undefined, true)
    const locale = req.locale
    if (parsed.data.action === 'unpublish' && locale !== DEFAULT_EDITION) {
      throw new APIError(`Scheduled unpublishing is available for the ${editionOf(DEFAULT_EDITION).label} edition only; unpublish the ${editionOf(locale).label} edition with the Unpublish button when it is due.`, 400, undefined, true)
    }
    const at = new Date(parsed.data.at)
    if (at.getTime() <= Date.now()) throw new APIError('The scheduled time must be in the future.', 400, undefined, true)

    const latest = await req.payload.findByID({ collection: 'articles', id, draft: true, depth: 0, req, overrideAccess: false, user: req.user })
    const main = await req.payload.findByID({ collection: 'articles', id, depth: 0, req, overrideAccess: true, select: { _status: true } })
    const stage = isStage(latest.stage) ? latest.stage : 'draft'
    if (parsed.data.action === 'publish' && stage !== 'approved') {
      throw new APIError(`Only approved articles can be scheduled for publishing; this one is "${STAGE_LABELS[stage]}".`, 400, undefined, true)
    }
    if (parsed.data.action === 'unpublish' && main._status !== 'published') {
      throw new APIError('Only a live article can be scheduled for unpublishing.', 400, undefined, true)
    }

    // One pending schedule per edition: a second would run on an edition the first already changed.
    const pending = await req.payload.find({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'schedulePublish' } }, { completedAt: { exists: false } }, { hasError: { not_equals: true } }] },
      pagination: false,
      limit: 1000,
      depth: 0,
      overrideAccess: true,
      req,
    })
    type ScheduleInput = { locale?: string; doc?: { value?: number | string } }
    const clash = pending.docs.find((job) => {
      const input = (job.input ?? {}) as ScheduleInput
      return String(input.doc?.value) === String(latest.id) && (input.locale ?? DEFAULT_EDITION) === locale
    })
    if (clash) {
      throw new APIError(`The ${editionOf(locale).label} edition is already scheduled (job ${clash.id}, at ${clash.waitUntil}). Cancel that job first (DELETE /api/payload-jobs/${clash.id}, admins) to schedule it again.`, 409, undefined, true)
    }
    const job = await req.payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: parsed.data.action,
        doc: { relationTo: 'articles', value: latest.id },
        user: { relationTo: 'users', value: req.user.id },
        ...(parsed.data.action === 'publish' ? { locale } : {}),
      },
      waitUntil: at,
      req,
    })
    return Response.json({ message: `Scheduled to ${parsed.data.action} the ${editionOf(locale).label} edition at ${at.toISOString()}.`, job: { id: job.id, waitUntil: at.toISOString() } }, { status: 201 })
  },
}
