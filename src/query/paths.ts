import type { FlattenedField, Payload } from 'payload'

export type ResolvedPath = {
  /** The field the path ends on (undefined: no such field; Payload reports it). */
  field?: FlattenedField
  /** Relationships the path follows into other collections. */
  hops: number
  /** The path goes on inside rich text or JSON (a document's inner structure, not a column). */
  insideJson: boolean
}

/**
 * Follows a query path (`authors.user.email`, GraphQL's `authors__user__email`) through the
 * collection's fields and the collections its relationships point to, as Payload's query
 * validation does.
 */
export function resolveQueryPath(payload: Payload, fields: FlattenedField[], rawPath: string): ResolvedPath {
  let current = fields
  let field: FlattenedField | undefined
  let hops = 0
  const segments = rawPath.replace(/__/g, '.').split('.')
  for (const [index, segment] of segments.entries()) {
    if (field && (field.type === 'richText' || field.type === 'json')) return { field, hops, insideJson: index < segments.length }
    if (field) {
      if (field.type === 'relationship' || field.type === 'upload' || field.type === 'join') {
        const target = field.type === 'join' ? field.collection : field.relationTo
        const related = typeof target === 'string' ? payload.collections[target as keyof typeof payload.collections] : undefined
        if (!related) return { hops: hops + 1, insideJson: false }
        // `relation.id` is the relationship's own column, not a hop.
        if (segment === 'id' && index === segments.length - 1) return { field, hops, insideJson: false }
        hops++
        current = related.config.flattenedFields
      } else if ('flattenedFields' in field) {
        current = field.flattenedFields
      } else {
        return { hops, insideJson: false }
      }
    }
    field = current.find((candidate) => candidate.name === segment)
    if (!field) return { hops, insideJson: false }
  }
  return { field, hops, insideJson: false }
}
