type ThreadItem = { id: number | string; parent?: unknown; createdAt: string }

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: unknown }).id : value)

/**
 * Orders comments as a thread: each top-level comment (oldest first) followed by its replies,
 * depth first, each with its `depth`. A reply whose parent is not in the list (not approved)
 * is left out along with its own replies, so no reply appears without what it answers.
 */
export function threadOrder<T extends ThreadItem>(comments: T[]): Array<T & { depth: number }> {
  const byCreation = [...comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || String(a.id).localeCompare(String(b.id)))
  const present = new Set(byCreation.map((comment) => String(comment.id)))
  const children = new Map<string, T[]>()
  const roots: T[] = []
  for (const comment of byCreation) {
    const parent = idOf(comment.parent)
    if (parent === null || parent === undefined) roots.push(comment)
    else if (present.has(String(parent))) children.set(String(parent), [...(children.get(String(parent)) ?? []), comment])
  }
  const ordered: Array<T & { depth: number }> = []
  const visit = (comment: T, depth: number) => {
    ordered.push({ ...comment, depth })
    for (const reply of children.get(String(comment.id)) ?? []) visit(reply, depth + 1)
  }
  for (const root of roots) visit(root, 0)
  return ordered
}
