import type { Request, RequestHandler } from 'express'
import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode } from 'graphql'

import express from 'express'
import { Kind, parse } from 'graphql'

import { GRAPHQL_PARSE_MAX_TOKENS } from '../graphql/limits'
import { apiError } from './apiError'

/** Methods Payload's REST API answers; anything else (TRACE, CONNECT, …) is 405 before Payload. */
const API_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** GraphQL root fields that check a password or send a reset mail. */
const PASSWORD_FIELDS = new Set(['loginUser', 'forgotPasswordUser', 'resetPasswordUser', 'unlockUser'])
/** REST routes (by path segments, as Payload reads them) that check a password or send a reset mail. */
const PASSWORD_ROUTES = new Set(['users/login', 'users/forgot-password', 'users/reset-password', 'users/unlock'])
/** Operators whose cost grows with the data scanned (no index helps `%word%`). */
const PATTERN_OPERATOR = /\[(like|not_like|contains)\]/

/**
 * What an API request does, decided once from the request as Payload will read it, never from
 * how the client spelled it: the path as Payload splits it (`/api//users/login` is a sign-in),
 * the method after Payload's method override (`X-Payload-HTTP-Method-Override: GET` is a read),
 * and for GraphQL the operations the document really runs (`"\u006dutation"` is a mutation).
 * Rate limits and budgets key on this.
 */
export type ApiOperation = {
  graphql: boolean
  /** The path below /api as Payload's REST router sees it. */
  segments: string[]
  /** Changes something (a REST write or a GraphQL mutation). */
  write: boolean
  /** Password checks and reset mails this request asks for (GraphQL may ask for several). */
  passwordAttempts: number
  /** A read whose cost grows with the data scanned: GraphQL queries, REST reads with pattern filters. */
  expensiveRead: boolean
}

const operations = new WeakMap<Request, ApiOperation>()

/** Deepest JSON nesting accepted in a request body (rich text documents are far shallower). */
export const MAX_JSON_NESTING = 100

/** How deeply a JSON text nests arrays and objects, counted without parsing it (strings skipped). */
export function jsonNestingDepth(body: Buffer): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]
    if (inString) {
      if (byte === 0x5c) i++ // backslash: skip the escaped character
      else if (byte === 0x22) inString = false
    } else if (byte === 0x22) inString = true
    else if (byte === 0x5b || byte === 0x7b) deepest = Math.max(deepest, ++depth)
    else if (byte === 0x5d || byte === 0x7d) depth--
  }
  return deepest
}
export const apiOperation = (req: Request): ApiOperation | undefined => operations.get(req)

/** The path below the mount point split as Payload's REST router does; a 400 for broken %-encoding. */
export function apiPathSegments(path: string): string[] {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    throw apiError(400, `The address ${JSON.stringify(path)} has broken %-encoding (a "%" must be followed by two hex digits of a UTF-8 character).`)
  }
}

/** Express routes /api/graphql without regard to case or a trailing slash: so must every check. */
const isGraphqlPath = (path: string) => /^\/+graphql\/*$/i.test(path)

export const methodOverride = (req: Request): boolean =>
  req.method === 'POST' && (req.headers['x-payload-http-method-override'] === 'GET' || req.headers['x-http-method-override'] === 'GET')

type GraphqlRequest = { query?: unknown; operationName?: unknown }

/** The operations a GraphQL body runs; a 400 for bodies that cannot be GraphQL requests at all. */
export function readGraphqlBody(body: Buffer, contentType: string | undefined): GraphqlRequest[] {
  const text = body.toString('utf8')
  if ((contentType ?? '').includes('application/graphql')) return [{ query: text }]
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw apiError(400, `The GraphQL request body is not valid JSON (${(error as Error).message}). Send {"query": "…", "variables": {…}}.`)
  }
  if (Array.isArray(parsed)) throw apiError(400, 'Batched GraphQL requests (a JSON array) are not supported: send one {"query": "…"} per request.')
  if (!parsed || typeof parsed !== 'object') {
    throw apiError(400, 'The GraphQL request body must be a JSON object: {"query": "…", "variables": {…}, "operationName": "…"}.')
  }
  return [parsed as GraphqlRequest]
}

/** Fragment spreads that lead back to themselves: graphql-js's validators would recurse forever on them. */
function findFragmentCycle(fragments: Map<string, FragmentDefinitionNode>): string | undefined {
  const state = new Map<string, 'visiting' | 'done'>()
  const spreadsOf = (selectionSet: SelectionSetNode, into: string[] = []): string[] => {
    const stack = [selectionSet]
    while (stack.length) {
      for (const selection of stack.pop()!.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) into.push(selection.name.value)
        if ('selectionSet' in selection && selection.selectionSet) stack.push(selection.selectionSet)
      }
    }
    return into
  }
  const visit = (name: string): string | undefined => {
    if (state.get(name) === 'done') return undefined
    if (state.get(name) === 'visiting') return name
    const fragment = fragments.get(name)
    if (!fragment) return undefined
    state.set(name, 'visiting')
    for (const spread of spreadsOf(fragment.selectionSet)) {
      const cycle = visit(spread)
      if (cycle) return cycle
    }
    state.set(name, 'done')
    return undefined
  }
  for (const name of fragments.keys()) {
    const cycle = visit(name)
    if (cycle) return cycle
  }
  return undefined
}

/** The root fields an operation selects, through fragments and inline fragments. */
function rootFields(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): string[] {
  const names: string[] = []
  const seen = new Set<string>()
  const stack = [operation.selectionSet]
  while (stack.length) {
    for (const selection of stack.pop()!.selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value)
      else if (selection.kind === Kind.INLINE_FRAGMENT) stack.push(selection.selectionSet)
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value)
        const fragment = fragments.get(selection.name.value)
        if (fragment) stack.push(fragment.selectionSet)
      }
    }
  }
  return names
}

type GraphqlSummary = { write: boolean; passwordAttempts: number; queries: number }

/** What the GraphQL requests in a body run. Documents that do not parse run nothing: Payload answers them 400. */
export function summariseGraphql(requests: GraphqlRequest[]): GraphqlSummary {
  const summary: GraphqlSummary = { write: false, passwordAttempts: 0, queries: 0 }
  for (const { query, operationName } of requests) {
    if (typeof query !== 'string') continue
    let document: DocumentNode
    try {
      document = parse(query, { maxTokens: GRAPHQL_PARSE_MAX_TOKENS, noLocation: true })
    } catch (error) {
      if (/more th\w* \d+ tokens/i.test((error as Error).message)) {
        throw apiError(400, `The GraphQL document is too long: at most ${GRAPHQL_PARSE_MAX_TOKENS} tokens.`)
      }
      continue
    }
    const fragments = new Map<string, FragmentDefinitionNode>()
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
    const cycle = findFragmentCycle(fragments)
    if (cycle) throw apiError(400, `The GraphQL fragment "${cycle}" spreads itself (directly or through other fragments); fragments must not form cycles.`)
    const all = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    const chosen = typeof operationName === 'string' && operationName ? all.filter((operation) => operation.name?.value === operationName) : all
    for (const operation of chosen) {
      if (operation.operation === 'mutation') summary.write = true
      else summary.queries++
      summary.passwordAttempts += rootFields(operation, fragments).filter((name) => PASSWORD_FIELDS.has(name)).length
    }
  }
  return summary
}

/**
 * Classifies every API request (see ApiOperation) before any limit looks at it. GraphQL bodies
 * and method-override bodies are read here (up to the API's body limit) and handed on to Payload
 * unchanged. Unknown methods answer 405, broken %-encoding and unreadable GraphQL bodies 400.
 */
export function classifyApiRequests({ bodyBytes }: { bodyBytes: number }): RequestHandler[] {
  const readBody = express.raw({ type: () => true, limit: bodyBytes })
  const readIfNeeded: RequestHandler = (req, res, next) => {
    if (!API_METHODS.has(req.method)) {
      return void res.status(405).set('allow', [...API_METHODS].join(', ')).json({ errors: [{ message: `Method ${req.method} is not allowed.` }] })
    }
    const contentType = req.headers['content-type'] ?? ''
    // Payload's multipart reader answers a multipart body without a boundary with a 500.
    if (/^\s*multipart\//i.test(contentType) && !/;\s*boundary=("[^"]+"|[^;\s"]+)/i.test(contentType)) {
      return next(apiError(400, 'A multipart/form-data body needs a boundary in its Content-Type (multipart/form-data; boundary=…); HTTP clients add it when they send a form.'))
    }
    const json = /[/+]json\b/i.test(contentType)
    if ((req.method === 'POST' && (isGraphqlPath(req.path) || methodOverride(req))) || (json && !READ_METHODS.has(req.method))) {
      return readBody(req, res, (error?: unknown) => {
        if (error) return next(error)
        // JSON.parse recurses: a body nested thousands of levels deep overflows the stack (a 500) before any check.
        if (json && Buffer.isBuffer(req.body) && jsonNestingDepth(req.body) > MAX_JSON_NESTING) {
          return next(apiError(400, `The JSON body is nested more than ${MAX_JSON_NESTING} levels deep; no document here needs that.`))
        }
        next()
      })
    }
    next()
  }
  const classify: RequestHandler = (req, _res, next) => {
    try {
      const segments = apiPathSegments(req.path)
      const graphql = isGraphqlPath(req.path) && req.method === 'POST'
      if (graphql) {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
        const summary = summariseGraphql(body.length ? readGraphqlBody(body, req.headers['content-type']) : [])
        operations.set(req, { graphql, segments, write: summary.write, passwordAttempts: summary.passwordAttempts, expensiveRead: summary.queries > 0 })
        return next()
      }
      const override = methodOverride(req)
      const method = override ? 'GET' : req.method
      const write = !READ_METHODS.has(method)
      // Express and Payload match routes without regard to case: /api/users/LOGIN is a sign-in.
      const route = segments.join('/').toLowerCase()
      const query = override && Buffer.isBuffer(req.body) ? req.body.toString('utf8') : (req.originalUrl.split('?')[1] ?? '')
      let decodedQuery = query
      try {
        decodedQuery = decodeURIComponent(query.replace(/\+/g, ' '))
      } catch {
        // left as sent: Payload's parser treats broken escapes as text
      }
      operations.set(req, {
        graphql,
        segments,
        write,
        passwordAttempts: method === 'POST' && PASSWORD_ROUTES.has(route) ? 1 : 0,
        expensiveRead: !write && PATTERN_OPERATOR.test(decodedQuery),
      })
      next()
    } catch (error) {
      next(error)
    }
  }
  return [readIfNeeded, classify]
}
