/** Small fetch wrappers for real HTTP calls against the test server. */
export type ApiResult<T = any> = { status: number; headers: Headers; body: T }

export async function api<T = any>(
  baseUrl: string,
  pathname: string,
  { method = 'GET', token, body, headers = {} }: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const response = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers: {
      ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `JWT ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T }
}

export async function graphql<T = any>(
  baseUrl: string,
  query: string,
  { token, variables }: { token?: string; variables?: Record<string, unknown> } = {},
): Promise<ApiResult<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>> {
  return api(baseUrl, '/api/graphql', { method: 'POST', token, body: { query, variables } })
}
