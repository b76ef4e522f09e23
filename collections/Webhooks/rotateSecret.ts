import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import { hasRole } from '../../src/access/roles'
import { readEnv } from '../../src/env'
import { generateWebhookSecret } from '../../src/webhooks/secret'

/**
 * POST /api/webhooks/:id/rotate-secret — a new secret, returned once. The old one keeps signing
 * alongside it for WEBHOOK_SECRET_OVERLAP_HOURS, so receivers can switch without losing events.
 */
export const rotateSecretEndpoint: Endpoint = {
  path: '/:id/rotate-secret',
  method: 'post',
  handler: async (req) => {
    if (!hasRole(req.user, 'admin')) throw new APIError('Only admins rotate webhook secrets.', 403, undefined, true)
    const id = req.routeParams?.id as string
    const current = await req.payload.findByID({ collection: 'webhooks', id, overrideAccess: true, showHiddenFields: true, req })
    const secret = generateWebhookSecret()
    const overlapMs = readEnv().WEBHOOK_SECRET_OVERLAP_HOURS * 3600_000
    await req.payload.db.updateOne({
      collection: 'webhooks',
      id: current.id,
      data: { secret, previousSecret: current.secret, previousSecretExpiresAt: new Date(Date.now() + overlapMs).toISOString() },
      req,
    })
    return Response.json({ secret, previousSecretExpiresAt: new Date(Date.now() + overlapMs).toISOString() })
  },
}
