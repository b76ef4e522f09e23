import type { Field, SanitizedConfig } from 'payload'

/** Relationship and upload fields of a collection, by name, with the collection they point to. */
type RelationMap = Map<string, string>

const relationMaps = new WeakMap<SanitizedConfig, Map<string, RelationMap>>()

function collectRelations(fields: Field[], into: RelationMap): void {
  for (const field of fields) {
    if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string' && 'name' in field) {
      into.set(field.name, field.relationTo)
    } else if (!('name' in field) && 'fields' in field && Array.isArray(field.fields)) {
      collectRelations(field.fields as Field[], into) // rows and collapsibles: the same level in the JSON
    }
  }
}

function relationsOf(config: SanitizedConfig, collection: string): RelationMap {
  let byCollection = relationMaps.get(config)
  if (!byCollection) relationMaps.set(config, (byCollection = new Map()))
  let map = byCollection.get(collection)
  if (!map) {
    map = new Map()
    const found = config.collections.find((candidate) => candidate.slug === collection)
    if (found) collectRelations(found.fields, map)
    byCollection.set(collection, map)
  }
  return map
}

type Doc = Record<string, unknown>
const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && 'id' in value

/**
 * The surrogate keys of an API response: `collection:id` for every document in it (populated
 * relationships included, found through the collections' own field definitions, and documents
 * linked from rich text) and the bare
 * collection name for lists, so a publish can purge exactly the responses that show what changed.
 */
export function surrogateKeysFor(config: SanitizedConfig, collection: string, body: unknown): string[] {
  const keys = new Set<string>()
  const visit = (doc: Doc, slug: string, depth: number) => {
    keys.add(`${slug}:${doc.id}`)
    if (depth > 5) return
    for (const [field, target] of relationsOf(config, slug)) {
      const value = doc[field]
      for (const item of Array.isArray(value) ? value : [value]) if (isDoc(item)) visit(item, target, depth + 1)
    }
  }
  // Documents linked from rich text (uploads, internal links, relationship blocks) and
  // polymorphic relationships: `{ relationTo, value: { id } }` once populated.
  const visitLinks = (value: unknown, depth: number) => {
    if (depth > 40 || typeof value !== 'object' || value === null) return
    if (Array.isArray(value)) {
      for (const item of value) visitLinks(item, depth + 1)
      return
    }
    const node = value as Doc
    if (typeof node.relationTo === 'string' && isDoc(node.value)) keys.add(`${node.relationTo}:${node.value.id}`)
    for (const child of Object.values(node)) visitLinks(child, depth + 1)
  }
  visitLinks(body, 0)
  if (body && typeof body === 'object' && Array.isArray((body as { docs?: unknown }).docs)) {
    keys.add(collection)
    for (const doc of (body as { docs: unknown[] }).docs) if (isDoc(doc)) visit(doc, collection, 0)
  } else if (isDoc(body)) {
    visit(body, collection, 0)
  } else {
    keys.add(collection)
  }
  return [...keys]
}
