import { LRUCache } from 'lru-cache'

export type CachedResponse = { body: string; etag: string; keys: string[]; contentType: string }

/**
 * This process's cache of anonymous API responses, by URL, with an index from surrogate key to
 * the URLs whose responses carry it, so a purge evicts exactly what shows the changed content.
 */
export class ResponseCache {
  private readonly byKey = new Map<string, Set<string>>()
  private readonly entries: LRUCache<string, CachedResponse>
  /** Bumped by every purge: a response computed across a purge is not stored (it may be stale). */
  generation = 0

  constructor({ maxBytes = 64 * 1024 * 1024, ttlMs = 10 * 60_000 } = {}) {
    this.entries = new LRUCache<string, CachedResponse>({
      maxSize: maxBytes,
      sizeCalculation: (entry) => entry.body.length + 200,
      ttl: ttlMs,
      dispose: (entry, url) => {
        for (const key of entry.keys) {
          const urls = this.byKey.get(key)
          urls?.delete(url)
          if (urls?.size === 0) this.byKey.delete(key)
        }
      },
    })
  }

  get(url: string): CachedResponse | undefined {
    return this.entries.get(url)
  }

  /** Stores a response unless a purge happened since `generation` was read. */
  set(url: string, entry: CachedResponse, generation: number): void {
    if (generation !== this.generation) return
    this.entries.set(url, entry)
    for (const key of entry.keys) {
      let urls = this.byKey.get(key)
      if (!urls) this.byKey.set(key, (urls = new Set()))
      urls.add(url)
    }
  }

  purge(keys: string[]): number {
    this.generation++
    let evicted = 0
    for (const key of keys) {
      for (const url of [...(this.byKey.get(key) ?? [])]) if (this.entries.delete(url)) evicted++
    }
    return evicted
  }

  clear(): void {
    this.generation++
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }
}

/** The one cache of this process. */
export const responseCache = new ResponseCache()
