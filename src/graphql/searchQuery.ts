import type { Config, PayloadRequest } from 'payload'

import type { ASTVisitor, ValidationContext } from 'graphql'

import { GraphQLError } from 'graphql'
import { APIError, createLocalReq } from 'payload'

import { isEditionCode } from '../editions/locales'
import { search, SearchInputError, searchRequestOf, SearchUnavailable } from '../search/service'

type GraphQLModule = Parameters<NonNullable<NonNullable<Config['graphQL']>['queries']>>[0]
type GraphQLResult = Parameters<NonNullable<NonNullable<Config['graphQL']>['queries']>>[1]

type Args = { q: string; tag?: string; author?: string; from?: string; to?: string; sort?: string; limit?: number; page?: number; locale?: string }

/**
 * `searchArticles(q: "…", tag, author, from, to, sort, limit, page, locale)`: the GraphQL twin of
 * GET /api/search (docs/search.md), for anyone. Each hit's `article` is the public article, its
 * fields resolved by Payload as in `Articles`.
 */
export function searchQuery(graphql: GraphQLModule, result: GraphQLResult) {
  const { GraphQLBoolean, GraphQLEnumType, GraphQLFloat, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = graphql
  const nonNull = <T extends import('graphql').GraphQLType>(type: T) => new GraphQLNonNull(type)
  const Article = (result as unknown as { collections: Record<string, { graphQL: { type: import('graphql').GraphQLObjectType } }> }).collections.articles!.graphQL.type
  const Highlight = new GraphQLObjectType({
    name: 'SearchHighlight',
    description: 'Where a matched word is in the snippet text (UTF-16 offsets, end exclusive).',
    fields: { start: { type: nonNull(GraphQLInt) }, end: { type: nonNull(GraphQLInt) } },
  })
  const Snippet = new GraphQLObjectType({
    name: 'SearchSnippet',
    fields: {
      text: { type: nonNull(GraphQLString), description: 'A passage of the body, as written.' },
      highlights: { type: nonNull(new GraphQLList(nonNull(Highlight))) },
      html: { type: nonNull(GraphQLString), description: 'The passage, escaped, with the matched words in <mark>.' },
    },
  })
  const Hit = new GraphQLObjectType({
    name: 'SearchHit',
    fields: { article: { type: nonNull(Article) }, score: { type: nonNull(GraphQLFloat) }, snippet: { type: nonNull(Snippet) } },
  })
  const Results = new GraphQLObjectType({
    name: 'SearchResults',
    fields: {
      docs: { type: nonNull(new GraphQLList(nonNull(Hit))) },
      totalDocs: { type: nonNull(GraphQLInt), description: 'How many articles match, counted up to 1,000, or as many as 100 pages of the limit reach when that is more.' },
      totalDocsExact: { type: nonNull(GraphQLBoolean), description: 'False when more articles match than totalDocs: show it as "1,000+".' },
      limit: { type: nonNull(GraphQLInt) },
      page: { type: nonNull(GraphQLInt) },
      totalPages: { type: nonNull(GraphQLInt) },
      hasNextPage: { type: nonNull(GraphQLBoolean) },
      hasPrevPage: { type: nonNull(GraphQLBoolean) },
      nextPage: { type: GraphQLInt },
      prevPage: { type: GraphQLInt },
      pagingCounter: { type: nonNull(GraphQLInt) },
    },
  })
  const Sort = new GraphQLEnumType({ name: 'SearchSort', values: { relevance: { value: 'relevance' }, newest: { value: 'newest' } } })
  return {
    searchArticles: {
      type: nonNull(Results),
      args: {
        q: { type: nonNull(GraphQLString) },
        tag: { type: GraphQLString, description: 'A tag slug (in this edition) or id.' },
        author: { type: GraphQLString, description: 'An author slug or id.' },
        from: { type: GraphQLString, description: 'Published on or after: 2026-05-31 or 2026-05-31T18:00:00Z.' },
        to: { type: GraphQLString, description: 'Published on or before.' },
        sort: { type: Sort },
        limit: { type: GraphQLInt },
        page: { type: GraphQLInt },
        locale: { type: GraphQLString, description: 'The edition: en or ar (default: the request’s).' },
      },
      resolve: async (_root: unknown, args: Args, context: { req: PayloadRequest }) => {
        const { payload } = context.req
        const locale = args.locale ?? context.req.locale
        if (!isEditionCode(locale)) throw new APIError('Search one edition at a time: locale "en" or "ar".', 400, undefined, true)
        try {
          const request = await searchRequestOf(payload, args, locale, context.req)
          const found = await search(payload, request)
          // The articles themselves, at depth 0 as an anonymous reader sees them: Payload's own
          // Article resolvers populate what the query selects.
          const ids = found.hits.map((hit) => (JSON.parse(hit.json) as { id: number | string }).id)
          const reader = await createLocalReq({ locale, fallbackLocale: false }, payload)
          const { docs } = ids.length === 0 ? { docs: [] } : await payload.find({ collection: 'articles', where: { id: { in: ids } }, locale, depth: 0, limit: ids.length, pagination: false, overrideAccess: false, req: reader })
          const byId = new Map(docs.map((doc) => [String(doc.id), doc]))
          const { hits, ...meta } = found
          return {
            ...meta,
            docs: hits.flatMap((hit, index) => {
              const article = byId.get(String(ids[index]))
              return article ? [{ article, score: hit.score, snippet: hit.snippet }] : []
            }),
          }
        } catch (error) {
          if (error instanceof SearchInputError) throw new APIError(error.message, 400, undefined, true)
          if (error instanceof SearchUnavailable) throw new APIError(error.message, 503, undefined, true)
          throw error
        }
      },
    },
  }
}

/** Searches in one GraphQL request: two (both editions at once), not the alias limit's fifteen. */
export const MAX_SEARCHES_PER_REQUEST = 2

/**
 * Refuses, before it runs, a request with more searches than that: each is a full-text query and
 * a page of articles, so fifteen aliased ones cost what fifteen requests do, past the per-client
 * budgets. Every `searchArticles` field written in the document counts (a fragment spread twice
 * at one level runs once), so none can hide in a fragment.
 */
export function searchesPerRequestRule(context: ValidationContext): ASTVisitor {
  let searches = 0
  return {
    Field(node) {
      if (node.name.value !== 'searchArticles' || ++searches !== MAX_SEARCHES_PER_REQUEST + 1) return
      context.reportError(new GraphQLError(`A request may search at most ${MAX_SEARCHES_PER_REQUEST} times (searchArticles); send another request for more.`, { nodes: [node] }))
    },
  }
}
