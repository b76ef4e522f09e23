import type { Request } from 'express'

import type { EditionCode } from '../editions/locales'

export type GraphqlAnswer<T> = { status: number; data?: T; errors?: Array<{ message: string }> }

/**
 * Asks this same server's public GraphQL API over HTTP, on the address the page's request came
 * in on, as any frontend would: the reading pages use nothing a frontend could not.
 */
export async function askGraphql<T>(req: Request, locale: EditionCode, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphqlAnswer<T>> {
  const host = req.socket.localAddress?.includes(':') ? `[${req.socket.localAddress}]` : req.socket.localAddress
  const response = await fetch(`http://${host}:${req.socket.localPort}/api/graphql?locale=${locale}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  })
  const answer = (await response.json()) as Omit<GraphqlAnswer<T>, 'status'>
  return { status: response.status, ...answer }
}
