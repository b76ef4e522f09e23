import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { EditionCode } from './locales'

import { EDITIONS, isEditionCode } from './locales'

const oneEdition = EDITIONS.map((edition) => `locale=${edition.code}`).join(' or ')

/**
 * The edition a write to an article changes. Every edition has its own stage and publication
 * status, so a write names exactly one: not every locale at once, and not Payload's
 * `publishAllLocales` / `unpublishAllLocales`, which would publish or take down the other
 * editions without their review. Trusted server code (`workflowBypass`) may do both.
 */
export function editionOfWrite(req: PayloadRequest, args: { publishAllLocales?: unknown; unpublishAllLocales?: unknown; publishSpecificLocale?: unknown }): EditionCode {
  const trusted = req.context.workflowBypass === true
  const allAtOnce = [args.publishAllLocales, args.unpublishAllLocales].some((flag) => flag === true || flag === 'true')
  if (allAtOnce && !trusted) {
    throw new APIError(`Each edition is published and unpublished on its own, after its own review: publish one at a time (${oneEdition}), without publishAllLocales or unpublishAllLocales.`, 400, undefined, true)
  }
  // Payload's "publish this locale" (the admin's button, scheduled publishing) names it apart from
  // the request's locale, and switches to it only after these hooks: switch now, so the workflow
  // reads and moves that edition.
  if (args.publishSpecificLocale !== undefined && args.publishSpecificLocale !== null && args.publishSpecificLocale !== '') {
    if (!isEditionCode(args.publishSpecificLocale)) throw new APIError(`publishSpecificLocale names no edition: use ${oneEdition.replaceAll('locale=', '')}.`, 400, undefined, true)
    // A write names one edition: publishing another than the one it writes is two at once.
    if (isEditionCode(req.locale) && req.locale !== args.publishSpecificLocale) {
      throw new APIError(`This write names two editions (locale=${req.locale}, publishSpecificLocale=${args.publishSpecificLocale}): name one.`, 400, undefined, true)
    }
    req.locale = args.publishSpecificLocale
  }
  if (isEditionCode(req.locale)) return req.locale
  if (trusted && req.locale === 'all') return EDITIONS[0].code
  throw new APIError(`Save one edition at a time: ${oneEdition}.`, 400, undefined, true)
}
