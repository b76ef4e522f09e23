'use client'
import type { PublishButtonClientProps, UnpublishButtonClientProps } from 'payload'

import { PublishButton, UnpublishButton, useAuth, useFormFields } from '@payloadcms/ui'
import React from 'react'

import type { Role } from '../../access/roles'

import { isStage, transitionsFor } from '../definition'

/**
 * Payload's Publish button, shown only to someone who may take the Publish step from the
 * article's current stage (an editor or admin, on an approved article). The server enforces the
 * same rule; this keeps the admin from offering what would be refused.
 */
export const GatedPublishButton: React.FC<PublishButtonClientProps> = (props) => {
  const { user } = useAuth<{ role?: Role }>()
  const stage = useFormFields(([fields]) => fields.stage?.value)
  const mayPublish = isStage(stage) && transitionsFor(stage, user?.role).some((t) => t.to === 'published')
  return mayPublish ? <PublishButton {...props} /> : null
}

/** Payload's Unpublish button, shown only to someone who may take an article down from its current stage. */
export const GatedUnpublishButton: React.FC<UnpublishButtonClientProps> = (props) => {
  const { user } = useAuth<{ role?: Role }>()
  const stage = useFormFields(([fields]) => fields.stage?.value)
  const mayUnpublish = isStage(stage) && transitionsFor(stage, user?.role).some((t) => t.to === 'archived')
  return mayUnpublish ? <UnpublishButton {...props} /> : null
}
