import type { CollectionBeforeOperationHook, CollectionConfig, FlattenedField, SanitizedConfig } from 'payload'

import { APIError, NotFound } from 'payload'

import { enforceQueryLimits } from '../query/limits'
import { resolveQueryPath } from '../query/paths'

/** Keys Payload itself accepts in a write besides the collection's fields. */
const SYSTEM_KEYS = new Set(['id', '_status', 'createdAt', 'updatedAt', 'password', 'file'])

/**
 * A write naming fields the collection does not have is refused with 400 listing them and the
 * fields it does have, instead of silently dropping them (a misspelt field would otherwise be
 * lost without a word). Trusted server code (overrideAccess) is not checked.
 */
export const rejectUnknownFields: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  if ((operation !== 'create' && operation !== 'update') || args.overrideAccess) return args
  const data = args.data as Record<string, unknown> | undefined
  if (!data || typeof data !== 'object' || Array.isArray(data)) return args
  const known = new Set(collection.flattenedFields.map((field) => field.name))
  const unknown = Object.keys(data).filter((key) => !known.has(key) && !SYSTEM_KEYS.has(key))
  if (unknown.length > 0) {
    // The schema is no reader's business, and hidden or secret fields are nobody's: staff get the
    // fields they could send, readers only the names they got wrong.
    const accepted = req.user ? ` Accepted fields: ${collection.flattenedFields.filter(isListable).map((field) => field.name).join(', ')}.` : ''
    throw new APIError(`Unknown field(s) for ${collection.slug}: ${unknown.map((name) => name.slice(0, 100)).join(', ')}.${accepted}`, 400, undefined, true)
  }
  return args
}

/** Fields never named in an answer: Payload's auth internals, hidden fields and secrets. */
const UNLISTED = new Set(['hash', 'salt', 'resetPasswordToken', 'resetPasswordExpiration', 'sessions', 'loginAttempts', 'lockUntil', '_verified', '_verificationToken', 'apiKey', 'apiKeyIndex', 'enableAPIKey'])
const isListable = (field: FlattenedField) =>
  !field.name.startsWith('_') && !UNLISTED.has(field.name) && !('hidden' in field && field.hidden) && !/secret/i.test(field.name) && !field.access?.read

/**
 * An id that cannot exist on this database (not a number where ids are numbers) is a 404 for
 * the document, not a database error.
 */
export const rejectMalformedId: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const id = (args as { id?: unknown }).id
  if (id === undefined || id === null || req.payload.db.defaultIDType !== 'number') return args
  if (typeof id === 'number' ? Number.isSafeInteger(id) : /^\d+$/.test(String(id))) return args
  throw new NotFound(req.t)
}

// This CMS has no point (geo) fields; `all` needs a field holding several values (and MongoDB).
const GEO_OPERATORS = new Set(['near', 'within', 'intersects'])

/**
 * Query operators the database cannot apply to a field (a geo operator on text, `all` on a
 * single value) would fail deep in the database driver (a 500): refuse them with a 400 that
 * names the field and the operator.
 */
export const rejectInapplicableOperators: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const where = (args as { where?: unknown }).where
  if (!where || typeof where !== 'object') return args
  const numericIds = req.payload.db.defaultIDType === 'number'
  // Payload implements `all` on MongoDB only.
  const allSupported = req.payload.db.name === 'mongoose'
  // The field a dotted path ends on, following relationships into their collections.
  const resolvePath = (path: string): FlattenedField | undefined => resolveQueryPath(req.payload, collection.flattenedFields, path).field
  const visit = (clause: unknown) => {
    if (!clause || typeof clause !== 'object') return
    for (const [path, condition] of Object.entries(clause as Record<string, unknown>)) {
      if (path === 'and' || path === 'or') {
        for (const nested of Array.isArray(condition) ? condition : []) visit(nested)
        continue
      }
      if (!condition || typeof condition !== 'object') continue
      const field = resolvePath(path)
      for (const [operator, value] of Object.entries(condition)) {
        const holdsMany = Boolean(field && 'hasMany' in field && field.hasMany)
        if (GEO_OPERATORS.has(operator) || (operator === 'all' && (!holdsMany || !allSupported))) {
          throw new APIError(`The "${operator}" operator cannot be used on "${path}".`, 400, undefined, true)
        }
        const type = field?.type ?? (path === 'id' || path.endsWith('.id') ? 'id' : undefined)
        checkValue(path, type, operator, value, numericIds, optionsOf(field))
      }
    }
  }
  visit(where)
  return args
}

const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const isBlank = (value: unknown) => value === null || value === '' || value === 'null'

/** The values a select or radio field can hold (PostgreSQL stores them as an enum: nothing else compares). */
const optionsOf = (field: FlattenedField | undefined): string[] | undefined =>
  field && (field.type === 'select' || field.type === 'radio') ? field.options.map((option) => (typeof option === 'string' ? option : option.value)) : undefined

/**
 * A value the database can compare with the field: ids and numbers numeric, dates parseable,
 * choices among the field's options, `exists` a boolean.
 */
function checkValue(path: string, type: string | undefined, operator: string, value: unknown, numericIds: boolean, options?: string[]): void {
  const refuse = (expected: string) => {
    throw new APIError(`The value for "${path}" (${operator}) must be ${expected}.`, 400, undefined, true)
  }
  if (operator === 'exists') {
    if (![true, false, 'true', 'false'].includes(value as never)) refuse('true or false')
    return
  }
  const values = Array.isArray(value) ? value : LIST_OPERATORS.has(operator) && typeof value === 'string' ? value.split(',') : [value]
  if (LIST_OPERATORS.has(operator) && values.filter((item) => !isBlank(item)).length === 0) refuse('a comma-separated list with at least one value')
  const idLike = type === 'id' || type === 'relationship' || type === 'upload'
  if (idLike && numericIds) {
    if (['like', 'not_like', 'contains'].includes(operator)) refuse('compared with equals, in or exists (it is a reference)')
    if (!values.every((item) => isBlank(item) || /^\d+$/.test(String(item)))) refuse('document ids (whole numbers)')
  } else if (type === 'number') {
    if (!values.every((item) => isBlank(item) || Number.isFinite(Number(item)))) refuse('a number')
  } else if (type === 'date') {
    if (!values.every((item) => isBlank(item) || !Number.isNaN(Date.parse(String(item))))) refuse('a date (ISO 8601)')
  } else if (type === 'richText' || type === 'json') {
    // PostgreSQL stores these as jsonb, which has no pattern matching; refuse it on every database alike.
    if (['like', 'not_like', 'contains'].includes(operator)) refuse('compared with equals, in or exists (text search does not reach inside rich text or JSON; search the title or excerpt)')
  } else if (options) {
    if (['like', 'not_like', 'contains'].includes(operator)) refuse(`compared with equals, in or exists (it is one of: ${options.join(', ')})`)
    if (!values.every((item) => isBlank(item) || options.includes(String(item)))) refuse(`one of: ${options.join(', ')}`)
  }
}

/** The body of a write must be a JSON object. */
export const requireObjectData: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: unknown }).data
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new APIError('The request body must be a JSON object with the document\'s fields.', 400, undefined, true)
  }
  return args
}

/** Adds the input checks to a collection, before its own hooks. */
export const withStrictInput = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [rejectMalformedId, requireObjectData, rejectUnknownFields, enforceQueryLimits, rejectInapplicableOperators, ...(collection.hooks?.beforeOperation ?? [])],
  },
})

/**
 * Payload's own collections (preferences, edit locks, jobs, migrations, key-value) are added
 * while the config is sanitised, after `withStrictInput` ran: they get the same query checks
 * (an `all` on a date of payload-preferences answered 500), though not the unknown-field check,
 * since Payload's admin writes them with keys of its own.
 */
export async function withStrictInputOnInternalCollections(config: Promise<SanitizedConfig> | SanitizedConfig): Promise<SanitizedConfig> {
  const sanitized = await config
  for (const collection of sanitized.collections) {
    const hooks = (collection.hooks.beforeOperation ??= [])
    if (hooks.includes(enforceQueryLimits)) continue
    hooks.unshift(rejectMalformedId, requireObjectData, enforceQueryLimits, rejectInapplicableOperators)
  }
  return sanitized
}
