import type { CollectionBeforeOperationHook } from 'payload'

const READS = new Set(['read', 'count'])

/**
 * Readers read the live version, whatever they ask: `?draft=true` (GraphQL `draft: true`) makes
 * Payload read each document's latest version and then keep the published ones, so a live
 * article with a revision in review dropped out of a reader's list. Staff keep Payload's meaning.
 */
export const liveVersionForReaders: CollectionBeforeOperationHook = ({ args, operation, overrideAccess, req }) => {
  if (req.user || overrideAccess || !READS.has(operation)) return args
  if ((args as { draft?: boolean }).draft) (args as { draft?: boolean }).draft = false
  return args
}
