import type { Config } from 'payload'

type FieldConfig = { args?: Record<string, unknown>; resolve?: (...args: unknown[]) => unknown } & Record<string, unknown>
type QueryFields = Record<string, FieldConfig>

/**
 * Two of Payload's own GraphQL queries fail for any caller (found by the adversarial suite,
 * Payload 3.90); both are replaced here by the same fields with a working resolver:
 * - `Access`: for a reader, `canAccessAdmin` is false, which Payload's permission sanitising drops,
 *   so the non-null field answered "Cannot return null" (logged as a server error);
 * - `docAccess<Global>`: the resolver takes the GraphQL context from the arguments' position and
 *   throws a TypeError on `context.req`.
 */
export const repairPayloadQueries: NonNullable<NonNullable<Config['graphQL']>['queries']> = (_graphql, { Query }) => {
  const fields = (Query as unknown as { fields: QueryFields }).fields
  const repaired: QueryFields = {}
  const access = fields.Access
  if (access?.resolve) {
    const resolve = access.resolve
    repaired.Access = { ...access, resolve: async (...args: unknown[]) => {
      const result = (await resolve(...args)) as Record<string, unknown>
      return { ...result, canAccessAdmin: result?.canAccessAdmin ?? false }
    } }
  }
  for (const [name, field] of Object.entries(fields)) {
    // A collection's docAccess takes an id; a global's takes no arguments.
    if (!name.startsWith('docAccess') || !field.resolve || (field.args && Object.keys(field.args).length > 0)) continue
    const resolve = field.resolve
    repaired[name] = { ...field, resolve: (root: unknown, _args: unknown, context: unknown) => resolve(root, context) }
  }
  return repaired as never
}
