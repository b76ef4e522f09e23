import type { CollectionBeforeOperationHook, FlattenedField, Payload, Where } from 'payload'

import { APIError } from 'payload'

import { resolveQueryPath } from './paths'

/**
 * What one query may ask of the database. Every API caller's `where`, `sort`, `limit` and
 * `page` (REST, the method-override form body, GraphQL arguments) is held to these before
 * Payload builds SQL; trusted server code (overrideAccess) is not. See docs/security.md.
 */
export const QUERY_LIMITS = {
  /** Conditions (field × operator) in one `where`, all `and`/`or` branches counted. */
  conditions: 10,
  /** Nesting of `and`/`or` groups. */
  nesting: 4,
  /** Characters in one compared value. */
  valueLength: 500,
  /** Values in one `in`/`not_in`/`all` list. */
  listValues: 100,
  /** Words matched by `like`/`not_like`/`contains` across the whole query (Payload turns each word into its own pattern). */
  patternTerms: 4,
  /** Relationships one query path may follow (`tags.slug` follows one; `authors.user.email` two). */
  relationshipHops: 1,
  /** Fields one `sort` may name; readers sort on indexed fields of the collection itself only. */
  sortFields: 3,
  /** Documents in one page: readers, and signed-in staff. */
  limit: { anonymous: 100, signedIn: 1000 },
  /** The highest page number. */
  page: 10_000,
  /** Documents a reader's page may skip (page × limit): deep offsets scan every skipped row; filter by date instead. */
  readerOffset: 10_000,
} as const

const refuse = (message: string): never => {
  throw new APIError(message, 400, undefined, true)
}

const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const PATTERN_OPERATORS = new Set(['like', 'not_like', 'contains'])

/** Counts a where clause's conditions and pattern words, refusing it as soon as a limit is passed. */
function checkWhere(payload: Payload, fields: FlattenedField[], where: unknown, signedIn = true): void {
  let conditions = 0
  let patternTerms = 0
  const visit = (clause: unknown, depth: number) => {
    if (clause === null || clause === undefined) return
    if (typeof clause !== 'object' || Array.isArray(clause)) refuse('A "where" clause must be an object of field names, each with an operator (e.g. where[title][equals]=…).')
    if (depth > QUERY_LIMITS.nesting) refuse(`A "where" may nest "and"/"or" groups at most ${QUERY_LIMITS.nesting} levels deep.`)
    for (const [path, condition] of Object.entries(clause as Record<string, unknown>)) {
      if (path.toLowerCase() === 'and' || path.toLowerCase() === 'or') {
        // Query strings turn lists longer than 20 into objects keyed by index: count those too.
        const branches = Array.isArray(condition) ? condition : condition && typeof condition === 'object' ? Object.values(condition) : refuse(`"${path}" must be a list of conditions (where[${path}][0][field][operator]=…).`)
        for (const nested of branches as unknown[]) visit(nested, depth + 1)
        continue
      }
      if (!condition || typeof condition !== 'object' || Array.isArray(condition)) refuse(`The condition on "${path}" must name an operator (e.g. where[${path}][equals]=…).`)
      const resolved = resolveQueryPath(payload, fields, path)
      if (resolved.hops > QUERY_LIMITS.relationshipHops) {
        refuse(`The query path "${path}" follows ${resolved.hops} relationships; at most ${QUERY_LIMITS.relationshipHops} may be followed. Query the related collection instead.`)
      }
      if (resolved.insideJson) refuse(`"${path}" reaches inside rich text or JSON, which cannot be queried (text search does not reach inside rich text; search the title or excerpt, or query the field itself with exists).`)
      for (const [operator, value] of Object.entries(condition as Record<string, unknown>)) {
        if (++conditions > QUERY_LIMITS.conditions) refuse(`A "where" may hold at most ${QUERY_LIMITS.conditions} conditions.`)
        const values = Array.isArray(value) ? value : [value]
        if (Array.isArray(value) && !LIST_OPERATORS.has(operator)) refuse(`The "${operator}" operator on "${path}" takes one value, not a list.`)
        if (values.length > QUERY_LIMITS.listValues) refuse(`A list for "${path}" (${operator}) may hold at most ${QUERY_LIMITS.listValues} values.`)
        for (const item of values) {
          // Nested relationship queries (tags contains { … }) are Payload's own; Payload checks their shape.
          // Payload's own server code compares with Date objects (edit locks: updatedAt greater_than a Date).
          if (item !== null && typeof item === 'object' && !(item instanceof Date)) {
            if (operator === 'contains' && !Array.isArray(item)) {
              visit(item, depth + 1)
              continue
            }
            refuse(`The value for "${path}" (${operator}) must be text, a number or a date, not an object.`)
          }
          const text = String(item ?? '')
          if (text.length > QUERY_LIMITS.valueLength) refuse(`The value for "${path}" (${operator}) is ${text.length} characters long; at most ${QUERY_LIMITS.valueLength} are compared.`)
          if (PATTERN_OPERATORS.has(operator)) {
            // A pattern across a relationship joins and scans both tables (a quarter of a second at 100k articles).
            if (!signedIn && resolved.hops > 0) refuse(`Readers may use ${operator} on the collection's own fields only ("${path}" follows a relationship); filter the related collection by its slug instead.`)
            patternTerms += Math.max(1, text.split(/\s+/).filter(Boolean).length)
            if (patternTerms > QUERY_LIMITS.patternTerms) refuse(`like/contains filters may match at most ${QUERY_LIMITS.patternTerms} words in one query (each word scans every row).`)
          }
        }
      }
    }
  }
  visit(where, 0)
}

/** Columns the database keeps an index on: sorting a large table by anything else sorts every row. */
const isIndexed = (field: FlattenedField | undefined, path: string) =>
  ['id', 'createdAt', 'updatedAt'].includes(path) || Boolean(field && (('index' in field && field.index) || ('unique' in field && field.unique)))

function checkSort(payload: Payload, fields: FlattenedField[], sort: unknown, signedIn: boolean): void {
  if (sort === undefined || sort === null || sort === '') return
  const names = (Array.isArray(sort) ? sort : String(sort).split(',')).map((name) => String(name).trim()).filter(Boolean)
  if (names.length > QUERY_LIMITS.sortFields) refuse(`"sort" may name at most ${QUERY_LIMITS.sortFields} fields.`)
  for (const name of names) {
    const path = name.replace(/^-/, '')
    const resolved = resolveQueryPath(payload, fields, path)
    if (resolved.hops > QUERY_LIMITS.relationshipHops) refuse(`Sorting by "${path}" follows ${resolved.hops} relationships; at most ${QUERY_LIMITS.relationshipHops} may be followed.`)
    if (resolved.insideJson) refuse(`Sorting by "${path}" reaches inside rich text or JSON, which cannot be sorted on.`)
    // A reader's deep page sorted by an unindexed column or across a relationship took most of a second at 100k articles.
    if (!signedIn && resolved.field && (resolved.hops > 0 || !isIndexed(resolved.field, path))) {
      const indexed = fields.filter((field) => isIndexed(field, field.name)).map((field) => field.name)
      refuse(`Readers sort on indexed fields only: ${['id', 'createdAt', 'updatedAt', ...indexed.filter((name) => !['id', 'createdAt', 'updatedAt'].includes(name))].join(', ')} (got "${path}").`)
    }
  }
}

const isWholeNumber = (value: unknown) => typeof value === 'number' ? Number.isSafeInteger(value) && value >= 0 : typeof value === 'string' && /^\d{1,15}$/.test(value)

/** The largest page a caller may ask for. */
export const maxLimitFor = (signedIn: boolean) => (signedIn ? QUERY_LIMITS.limit.signedIn : QUERY_LIMITS.limit.anonymous)

/** Checks `limit` and `page` as sent (REST query or form body, GraphQL arguments). */
export function checkPaging({ limit, page }: { limit?: unknown; page?: unknown }, signedIn: boolean): void {
  const max = maxLimitFor(signedIn)
  if (limit !== undefined && limit !== null && limit !== '') {
    if (!isWholeNumber(limit) || Number(limit) > max) refuse(`"limit" must be a whole number from 1 to ${max} (got ${JSON.stringify(limit)}).`)
  }
  if (page !== undefined && page !== null && page !== '') {
    if (!isWholeNumber(page) || Number(page) > QUERY_LIMITS.page) refuse(`"page" must be a whole number from 1 to ${QUERY_LIMITS.page} (got ${JSON.stringify(page)}).`)
    const skipped = (Number(page) - 1) * (Number(limit) || 10)
    if (!signedIn && skipped > QUERY_LIMITS.readerOffset) {
      refuse(`A page may start at most ${QUERY_LIMITS.readerOffset} documents in (this one starts at ${skipped}); for older documents filter by date, e.g. where[publishedAt][less_than]=2024-01-01.`)
    }
  }
}

/**
 * Payload's own batched population of relationships (`id in [the ids on this page]`, at a depth
 * below the top) is bounded by the page it populates; no API caller can set the depth.
 */
const isPopulationBatch = (where: Where | undefined, currentDepth: unknown) => {
  const keys = where ? Object.keys(where) : []
  return typeof currentDepth === 'number' && currentDepth > 0 && keys.length === 1 && keys[0] === 'id' && Array.isArray((where!.id as { in?: unknown })?.in)
}

type QueryArgs = {
  where?: Where
  sort?: unknown
  limit?: number
  page?: number
  pagination?: boolean
  overrideAccess?: boolean
  currentDepth?: number
  joins?: false | Record<string, { where?: Where; sort?: unknown; limit?: unknown; page?: unknown } | false>
}

const QUERY_OPERATIONS = new Set(['read', 'count', 'countVersions', 'findVersions', 'readDistinct', 'update', 'delete'])

/** Version queries name `version.<field>` for the document's fields and `parent` for the document itself. */
const versionPath = (path: string) => path.replace(/^version(\.|__)/, '')

/**
 * The query limits on every read, count, version read and bulk write: `where`, `sort`, `limit`,
 * `page` and the `joins` parameter checked, and a list that would return everything (`limit=0`,
 * `pagination=false` without a limit) bounded to the largest page.
 */
export const enforceQueryLimits: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  const query = args as QueryArgs
  if (query.overrideAccess || !QUERY_OPERATIONS.has(operation)) return args
  const { payload } = req
  const signedIn = Boolean(req.user)
  if (isPopulationBatch(query.where, query.currentDepth)) return args
  const versions = operation === 'findVersions' || operation === 'countVersions'
  const fields: FlattenedField[] = versions
    ? // `parent` is one hop back to the collection itself.
      [...collection.flattenedFields, { name: 'parent', type: 'relationship', relationTo: collection.slug } as FlattenedField]
    : collection.flattenedFields
  checkWhere(payload, fields, versions ? renamePaths(query.where, versionPath) : query.where, signedIn)
  checkSort(payload, fields, versions && typeof query.sort === 'string' ? versionPath(query.sort.replace(/^-/, '')) : query.sort, signedIn)
  if (operation !== 'read' && operation !== 'findVersions') return args
  checkPaging(query, signedIn)
  for (const [name, join] of Object.entries(query.joins || {})) {
    if (!join) continue
    const field = collection.flattenedFields.find((candidate) => candidate.name === name)
    const target = field?.type === 'join' && typeof field.collection === 'string' ? payload.collections[field.collection as keyof typeof payload.collections] : undefined
    if (!target) refuse(`"joins[${name}]" names no join field of ${collection.slug}.`)
    checkWhere(payload, target!.config.flattenedFields, join.where, signedIn)
    checkSort(payload, target!.config.flattenedFields, join.sort, signedIn)
    checkPaging(join, signedIn)
  }
  const unbounded = query.limit === 0 || (query.pagination === false && query.limit === undefined)
  if (unbounded) return { ...args, limit: maxLimitFor(signedIn) }
  return args
}

/** A copy of a where clause with every field path renamed. */
function renamePaths(where: unknown, rename: (path: string) => string): unknown {
  if (!where || typeof where !== 'object' || Array.isArray(where)) return where
  return Object.fromEntries(
    Object.entries(where as Record<string, unknown>).map(([path, condition]) =>
      path.toLowerCase() === 'and' || path.toLowerCase() === 'or'
        ? [path, Array.isArray(condition) ? condition.map((nested) => renamePaths(nested, rename)) : condition]
        : [rename(path), condition],
    ),
  )
}
