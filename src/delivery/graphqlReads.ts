import type { Request as ExpressRequest } from 'express'
import type { FieldNode, SelectionSetNode, ValueNode } from 'graphql'
import type { Payload } from 'payload'

import { Kind, parse } from 'graphql'

import type { StoreRead } from './restReads'

import { DEFAULT_LIMIT, MAX_LIMIT, readPage, storeMayAnswer, storeResponse } from './restReads'
import type { EditionCode } from '../editions/locales'
import { isEditionCode } from '../editions/locales'
import { requestedEdition, requestedFallback } from '../editions/requestLocale'
import { readerFallbackFor } from '../editions/fallback'

/** A field to copy from a stored document: its output key (an alias or the name) and what to copy beneath it. */
type Selection = { key: string; name: string; children?: Selection[] }
type Source<T> = { value: T } | { variable: string }

/** What a GraphQL list query asks of `Articles`, reduced to a read the store can answer. */
type Plan = {
  rootKey: string
  limit?: Source<number>
  page?: Source<number>
  pagination?: Source<boolean>
  slug?: Source<string>
  selection: Selection[]
}

/**
 * A query text goes through Payload until one answer from the store has matched Payload's byte
 * for byte; from then on the store answers it. A text that once did not match stays with Payload.
 */
type Known = { plan: Plan; verified: boolean; contentType?: string; inconclusive: number } | 'payload'
/** Checks that could not compare (the store could not answer for the documents of the moment) before giving up on a text. */
const MAX_INCONCLUSIVE = 3
const MAX_KNOWN = 500
const known = new Map<string, Known>()

function remember(key: string, value: Known) {
  if (!known.has(key) && known.size >= MAX_KNOWN) known.delete(known.keys().next().value!)
  known.set(key, value)
}

function selectionOf(set: SelectionSetNode): Selection[] | undefined {
  const selection: Selection[] = []
  const keys = new Set<string>()
  for (const node of set.selections) {
    // Fragments, directives, field arguments (`body(depth: 2)`) and __typename are Payload's.
    if (node.kind !== Kind.FIELD || node.directives?.length || node.arguments?.length || node.name.value.startsWith('__')) return undefined
    const key = node.alias?.value ?? node.name.value
    if (keys.has(key)) return undefined // GraphQL would merge them; not worth reproducing
    keys.add(key)
    const children = node.selectionSet ? selectionOf(node.selectionSet) : undefined
    if (node.selectionSet && !children) return undefined
    selection.push({ key, name: node.name.value, children })
  }
  return selection
}

const sourceOf = <T>(node: ValueNode, kind: Kind.BOOLEAN | Kind.INT | Kind.STRING, read: (node: ValueNode) => T): Source<T> | undefined => {
  if (node.kind === Kind.VARIABLE) return { variable: node.name.value }
  return node.kind === kind ? { value: read(node) } : undefined
}
const intOf = (node: ValueNode) => sourceOf(node, Kind.INT, (value) => Number((value as { value: string }).value))

/** `where: { slug: { equals: … } }` and nothing else. */
function slugOf(node: ValueNode): Source<string> | undefined {
  if (node.kind !== Kind.OBJECT || node.fields.length !== 1 || node.fields[0]!.name.value !== 'slug') return undefined
  const inner = node.fields[0]!.value
  if (inner.kind !== Kind.OBJECT || inner.fields.length !== 1 || inner.fields[0]!.name.value !== 'equals') return undefined
  return sourceOf(inner.fields[0]!.value, Kind.STRING, (value) => (value as { value: string }).value)
}

/** The plan for a query the store could answer: one `Articles` list, newest first or by slug. */
function planOf(query: string, operationName: unknown): Plan | undefined {
  let document
  try {
    document = parse(query)
  } catch {
    return undefined
  }
  const [operation, ...others] = document.definitions
  if (others.length > 0 || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query' || operation.directives?.length) return undefined
  if (operationName !== undefined && operationName !== null && operationName !== operation.name?.value) return undefined
  if (operation.variableDefinitions?.some((definition) => definition.defaultValue)) return undefined
  const [root, ...more] = operation.selectionSet.selections
  if (more.length > 0 || root?.kind !== Kind.FIELD || root.name.value !== 'Articles' || root.directives?.length || !root.selectionSet) return undefined
  const selection = selectionOf(root.selectionSet)
  if (!selection) return undefined
  const plan: Plan = { rootKey: root.alias?.value ?? 'Articles', selection }
  let sorted = false
  for (const argument of (root as FieldNode).arguments ?? []) {
    const { value } = argument
    switch (argument.name.value) {
      case 'limit':
        plan.limit = intOf(value)
        if (!plan.limit) return undefined
        break
      case 'page':
        plan.page = intOf(value)
        if (!plan.page) return undefined
        break
      case 'pagination':
        plan.pagination = sourceOf(value, Kind.BOOLEAN, (node) => (node as { value: boolean }).value)
        if (!plan.pagination) return undefined
        break
      case 'sort':
        if (value.kind !== Kind.STRING || value.value !== '-publishedAt') return undefined
        sorted = true
        break
      case 'where':
        plan.slug = slugOf(value)
        if (!plan.slug) return undefined
        break
      default:
        return undefined
    }
  }
  // Slugs are unique, so a slug lookup has no order to keep; a list must be newest first.
  return sorted || plan.slug ? plan : undefined
}

/** The read a plan makes with these variables, if the store answers it as Payload would. */
function readOf(plan: Plan, variables: Record<string, unknown>, locale: EditionCode): StoreRead | undefined {
  const valueOf = (source: Source<unknown> | undefined) => (source === undefined ? undefined : 'value' in source ? source.value : variables[source.variable])
  const limit = valueOf(plan.limit) ?? DEFAULT_LIMIT
  const page = valueOf(plan.page) ?? 1
  const pagination = valueOf(plan.pagination) ?? true
  const slug = valueOf(plan.slug)
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_LIMIT) return undefined
  if (!Number.isInteger(page) || (page as number) < 1) return undefined
  if (typeof pagination !== 'boolean' || (plan.slug && typeof slug !== 'string')) return undefined
  return { filter: { locale, slug: slug as string | undefined }, limit: limit as number, page: page as number, pagination }
}

const MISSING = Symbol('missing')

/**
 * Copies the selected fields out of a stored document. MISSING when the document cannot answer
 * as Payload would: a field it does not hold (not populated at depth 1, or not in Payload's
 * default populate), a sub-selection of a plain value, or rich text with linked documents
 * (GraphQL populates those to the default depth, the store to depth 1).
 */
function project(value: unknown, selection: Selection[] | undefined, linked: boolean): unknown {
  if (value === null) return null
  if (Array.isArray(value)) {
    const items = value.map((item) => project(item, selection, linked))
    return items.includes(MISSING) ? MISSING : items
  }
  if (!selection) return typeof value === 'object' && linked ? MISSING : value
  if (typeof value !== 'object') return MISSING
  const out: Record<string, unknown> = {}
  for (const { key, name, children } of selection) {
    if (!(name in value)) return MISSING
    const inner = project((value as Record<string, unknown>)[name], children, linked)
    if (inner === MISSING) return MISSING
    out[key] = inner
  }
  return out
}

async function answer(payload: Payload, plan: Plan, read: StoreRead): Promise<string | undefined> {
  const { docs, meta } = await readPage(payload, read)
  const docsSelection = plan.selection.find((field) => field.name === 'docs')
  const projectedDocs = docsSelection ? docs.map((json) => project(JSON.parse(json), docsSelection.children, json.includes('"relationTo"'))) : []
  if (projectedDocs.includes(MISSING)) return undefined
  const list = project({ ...meta, docs: 0 }, plan.selection.filter((field) => field.name !== 'docs'), false)
  if (list === MISSING) return undefined
  // Fields in the order asked, as GraphQL answers them.
  const result: Record<string, unknown> = {}
  for (const field of plan.selection) result[field.key] = field.name === 'docs' ? projectedDocs : (list as Record<string, unknown>)[field.key]
  return JSON.stringify({ data: { [plan.rootKey]: result } })
}

export type GraphqlDelivery = {
  /** The store's answer, or undefined when this request must go through Payload after all. */
  serve?: () => Promise<Response | undefined>
  /** Compares Payload's answer with the store's; returns Payload's answer unchanged. */
  verify?: (response: Response) => Promise<Response>
}

/**
 * GraphQL list and slug queries of articles answered from the delivery store, for anonymous
 * readers. Which queries qualify is decided per query text: its shape first (one `Articles`
 * field, newest first or by slug, no fragments or field arguments), then one answer compared
 * with Payload's. Everything else, and anything the store cannot show, goes to Payload.
 */
export function graphqlDelivery(req: ExpressRequest, payload: Payload): GraphqlDelivery | undefined {
  if (!Buffer.isBuffer(req.body) || !storeMayAnswer(req, payload)) return undefined
  if (!(req.headers['content-type'] ?? '').includes('application/json')) return undefined
  let body: { query?: unknown; variables?: unknown; operationName?: unknown }
  try {
    body = JSON.parse(req.body.toString('utf8')) as typeof body
  } catch {
    return undefined
  }
  if (typeof body !== 'object' || body === null || typeof body.query !== 'string' || !body.query.includes('Articles')) return undefined
  const variables = (body.variables ?? {}) as Record<string, unknown>
  if (typeof variables !== 'object' || Array.isArray(variables)) return undefined
  const key = `${String(body.operationName ?? '')}\n${body.query}`
  let entry = known.get(key)
  if (!entry) {
    const plan = planOf(body.query, body.operationName)
    entry = plan ? { plan, verified: false, inconclusive: 0 } : 'payload'
    remember(key, entry)
  }
  if (entry === 'payload') return undefined
  const { plan } = entry
  // The edition: the request's `locale` (a `locale` argument in the query goes to Payload).
  const locale = requestedEdition(req.originalUrl)
  const fallbackAsStored = isEditionCode(locale) && (requestedFallback(req.originalUrl) ?? undefined) === readerFallbackFor(payload, locale)
  const read = isEditionCode(locale) && fallbackAsStored ? readOf(plan, variables, locale) : undefined
  if (!read) return undefined
  const current = entry
  if (current.verified) {
    return {
      serve: async () => {
        const text = await answer(payload, plan, read)
        return text === undefined ? undefined : storeResponse(req, payload, text, current.contentType!)
      },
    }
  }
  return {
    verify: async (response) => {
      const text = await response.text()
      if (response.status === 200) {
        const ours = await answer(payload, plan, read)
        if (ours === text) remember(key, { plan, verified: true, inconclusive: 0, contentType: response.headers.get('content-type') ?? 'application/json' })
        else if (ours !== undefined || ++current.inconclusive >= MAX_INCONCLUSIVE) remember(key, 'payload')
      }
      return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers })
    },
  }
}
