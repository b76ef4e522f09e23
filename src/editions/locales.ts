import type { LocalizationConfig } from 'payload'

/**
 * The publication's editions, in one place: add a locale here and every part of the CMS (the
 * admin's locale switcher, the API's `locale`, the workflow, the delivery store, the reading
 * page) follows. The first is the default: content stored before editions existed is English.
 */
export const EDITIONS = [
  // textSearch: PostgreSQL's text search configuration for the edition's words (src/search/schema.ts).
  { code: 'en', label: 'English', nativeLabel: 'English', dir: 'ltr', intl: 'en-GB', textSearch: 'newsroom_english' },
  { code: 'ar', label: 'Arabic', nativeLabel: 'العربية', dir: 'rtl', intl: 'ar', textSearch: 'newsroom_arabic' },
] as const

export type EditionCode = (typeof EDITIONS)[number]['code']
export type Edition = (typeof EDITIONS)[number]

export const DEFAULT_EDITION: EditionCode = EDITIONS[0].code
export const EDITION_CODES: readonly EditionCode[] = EDITIONS.map((edition) => edition.code)

export const isEditionCode = (value: unknown): value is EditionCode => typeof value === 'string' && (EDITION_CODES as readonly string[]).includes(value)

export const editionOf = (code: EditionCode): Edition => EDITIONS.find((edition) => edition.code === code)!

/**
 * Payload's localization. Fallback is off: a field left empty in the Arabic edition stays empty
 * rather than showing English in an Arabic page (public reads: docs/editions.md). Each edition is
 * published on its own (`experimental.localizeStatus` in the config), so the admin's Publish
 * button publishes the edition being edited.
 */
export const localization: LocalizationConfig = {
  locales: EDITIONS.map((edition) => ({ code: edition.code, label: { en: edition.label, ar: edition.nativeLabel }, rtl: edition.dir === 'rtl' })),
  defaultLocale: DEFAULT_EDITION,
  fallback: false,
  defaultLocalePublishOption: 'active',
}
