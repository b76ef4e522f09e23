import type { Payload } from 'payload'

import fs from 'node:fs'
import path from 'node:path'

/**
 * REST routes Payload matches but cannot serve: a collection with its endpoints turned off
 * (payload-migrations answered 501), and the versions routes of a collection or global that keeps
 * no versions (findVersions on a table that does not exist answered 500). They answer 404 here.
 */
export function unservedRoute(payload: Payload, segments: string[]): string | undefined {
  if (segments[0] === 'globals') {
    const global = payload.config.globals.find((candidate) => candidate.slug === segments[1])
    if (global && segments[2] === 'versions' && !global.versions) return `The global "${global.slug}" keeps no versions.`
    return undefined
  }
  const collection = segments[0] ? payload.collections[segments[0] as keyof typeof payload.collections]?.config : undefined
  if (!collection) return undefined
  if (collection.endpoints === false) return `The collection "${collection.slug}" is not served over the REST API.`
  if (segments[1] === 'versions' && !collection.versions) return `The collection "${collection.slug}" keeps no versions.`
  // A file that is not on the disk answered 500 ("missing on the disk"): it is simply not there.
  const upload = collection.upload
  if (upload && segments[1] === 'file' && segments.length === 3 && !upload.disableLocalStorage && upload.staticDir) {
    const dir = path.resolve(upload.staticDir)
    const file = path.resolve(dir, segments[2]!)
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file)) return `No file "${segments[2]}" in ${collection.slug}.`
  }
  return undefined
}
