import type { SanitizedConfig } from 'payload'

/**
 * Payload mounts every auth endpoint on an auth collection whether the feature behind it is on or
 * not. `POST /api/users/verify/<token>` with email verification off queried a column that does
 * not exist and answered 500. Endpoints of features that are off are removed, so they answer 404.
 */
export async function withoutUnusedAuthEndpoints(config: Promise<SanitizedConfig> | SanitizedConfig): Promise<SanitizedConfig> {
  const sanitized = await config
  for (const collection of sanitized.collections) {
    if (!collection.auth || !Array.isArray(collection.endpoints)) continue
    const off = new Set<string>()
    if (!collection.auth.verify) off.add('/verify/:id')
    if (!collection.auth.useAPIKey) off.add('/:id/api-key/reveal')
    collection.endpoints = collection.endpoints.filter((endpoint) => !off.has(endpoint.path))
  }
  return sanitized
}
