import type { Config } from 'payload'

import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases'
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth'
import type { GraphQLError, ValidationContext } from 'graphql'

import { repairPayloadQueries } from './payloadRepairs'
import { redirectQuery } from './redirectQuery'
import { searchesPerRequestRule, searchQuery } from './searchQuery'

/**
 * Limits that keep one GraphQL request from costing the server more than a page of content is
 * worth: selection depth (nested relationships), aliases (the same expensive field asked for
 * many times in one document) and Payload's complexity score. Requests over a limit are
 * refused before they run, with a message naming the limit (answered 400 by the API layer).
 */
const reportRejection = (context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)

export const GRAPHQL_LIMITS = { depth: 10, aliases: 15, complexity: 1000 } as const

/** Longest GraphQL document read at all (tokens); longer ones are refused before they are parsed in full. */
export const GRAPHQL_PARSE_MAX_TOKENS = 10_000

export const graphqlHardening: Config['graphQL'] = {
  queries: (graphql, payload) => ({ ...repairPayloadQueries(graphql, payload), ...redirectQuery(graphql), ...searchQuery(graphql, payload) }) as never,
  maxComplexity: GRAPHQL_LIMITS.complexity,
  disablePlaygroundInProduction: true,
  disableIntrospectionInProduction: true,
  // Rejections are reported as validation errors (a thrown one would be answered 500).
  validationRules: () => [
    maxDepthRule({ n: GRAPHQL_LIMITS.depth, exposeLimits: true, propagateOnRejection: false, onReject: [reportRejection] }),
    maxAliasesRule({ n: GRAPHQL_LIMITS.aliases, exposeLimits: true, propagateOnRejection: false, onReject: [reportRejection] }),
    searchesPerRequestRule,
  ],
}
