/** The events other systems can subscribe to. */
export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
  'comment.approved',
  'workflow.transition',
  'cache.purge',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'article.published': 'An article went live for the first time (or again after being unpublished).',
  'article.updated': 'A live article was republished with a reviewed revision.',
  'article.unpublished': 'A live article was taken down.',
  'article.deleted': 'A live article was deleted.',
  'comment.approved': 'A reader comment was approved.',
  'workflow.transition': 'Any editorial workflow step (no draft content, only the step).',
  'cache.purge': 'Public content changed: the surrogate keys a CDN should purge.',
}
