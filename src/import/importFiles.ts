import type { Payload } from 'payload'

import fs from 'node:fs/promises'

import type { ImportOptions, ImportOutcome } from './importArticle'

import { importArticle } from './importArticle'
import { parsePlainTextArticle } from './plainText'

export type FileResult = { file: string } & ({ error: string; ok: false } | ({ ok: true } & ImportOutcome))

/** Imports each plain-text file on its own: one broken file is reported and the rest go on. */
export async function importFiles(payload: Payload, files: string[], options: ImportOptions = {}): Promise<FileResult[]> {
  const results: FileResult[] = []
  for (const file of files) {
    try {
      const parsed = parsePlainTextArticle(await fs.readFile(file, 'utf8'))
      results.push({ file, ok: true, ...(await importArticle(payload, parsed, options)) })
    } catch (error) {
      results.push({ file, ok: false, error: error instanceof Error ? error.message : String(error) })
    }
  }
  return results
}
