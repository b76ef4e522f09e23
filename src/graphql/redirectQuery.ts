import type { Config, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { resolveRedirect } from '../redirects/resolve'

type GraphQLModule = Parameters<NonNullable<NonNullable<Config['graphQL']>['queries']>>[0]

/**
 * `resolveRedirect(path: "/2020/10/old-post.html")`: the GraphQL twin of
 * GET /api/redirects/resolve, for anyone. Null when the path is not redirected.
 */
export function redirectQuery(graphql: GraphQLModule) {
  const { GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLString } = graphql
  const RedirectArticle = new GraphQLObjectType({
    name: 'RedirectArticle',
    fields: { id: { type: new GraphQLNonNull(GraphQLID) }, slug: { type: new GraphQLNonNull(GraphQLString) } },
  })
  const RedirectResolution = new GraphQLObjectType({
    name: 'RedirectResolution',
    description: 'Where to send a reader who asked for an old path.',
    fields: {
      from: { type: new GraphQLNonNull(GraphQLString), description: 'The path asked for, in its canonical spelling.' },
      location: { type: new GraphQLNonNull(GraphQLString), description: 'A site path (percent-encoded) or an absolute URL.' },
      status: { type: new GraphQLNonNull(GraphQLInt), description: '301 (moved for good) or 302.' },
      article: { type: RedirectArticle, description: 'The article it leads to, with its current slug.' },
    },
  })
  return {
    resolveRedirect: {
      type: RedirectResolution,
      args: { path: { type: new GraphQLNonNull(GraphQLString) } },
      resolve: async (_root: unknown, { path }: { path: string }, context: { req: PayloadRequest }) => {
        const result = await resolveRedirect(context.req.payload, path, context.req)
        if ('error' in result) throw new APIError(result.error, 400, undefined, true)
        return result.resolution
      },
    },
  }
}
