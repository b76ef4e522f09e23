import type { CollectionBeforeChangeHook } from 'payload'

import { Forbidden } from 'payload'

import type { Article } from '../../../src/payload-types'

import { isDeskRole } from '../../../src/access/roles'

/**
 * Publishing is an editor's decision. Authors and contributors may save drafts but any
 * attempt to set `_status: 'published'` (REST, GraphQL, Local API with a user) is refused.
 * Trusted server code (seeds, importers, jobs) runs without a user and is not affected.
 */
export const onlyDeskPublishes: CollectionBeforeChangeHook<Article> = ({ data, req }) => {
  if (data._status === 'published' && req.user && !isDeskRole(req.user)) {
    throw new Forbidden(req.t)
  }
  return data
}
