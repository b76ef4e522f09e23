import type { Payload } from 'payload'

import fs from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

import type { ImportOptions, ImportOutcome } from './importArticle'
import type { ParsedFile } from './item'

import { checkpointWal } from '../db/sqliteCheckpoint'
import { readEnv } from '../env'
import { parseBloggerExport } from './formats/blogger'
import { parseMarkdownFile } from './formats/markdown'
import { parsePlainTextFile } from './formats/plainText'
import { parseWordPressExport } from './formats/wordpress'
import { imageResolver } from './images'
import { importArticle } from './importArticle'

export type ImportFormat = 'blogger' | 'markdown' | 'plain-text' | 'wordpress'

/** One entry's fate: written (created, updated or unchanged), skipped (not an article) or failed. */
export type ImportResult = { source: string; warnings: string[] } & (
  | ({ ok: true } & ImportOutcome)
  | { ok: false; error: string }
  | { ok: 'skipped'; reason: string }
)

export type ImportSummary = { created: number; updated: number; unchanged: number; skipped: number; failed: number; comments: number }

/** Which format a file is in: by extension, and for XML by its root element. */
export function detectFormat(file: string, text: string): ImportFormat {
  const extension = path.extname(file).toLowerCase()
  if (extension === '.md' || extension === '.markdown') return 'markdown'
  if (extension === '.xml' || extension === '.atom' || text.trimStart().startsWith('<?xml')) {
    if (/<feed\b/.test(text.slice(0, 2000))) return 'blogger'
    if (/<rss\b/.test(text.slice(0, 4000))) return 'wordpress'
  }
  return 'plain-text'
}

const PARSERS: Record<ImportFormat, (text: string, file: string) => ParsedFile> = {
  blogger: parseBloggerExport,
  markdown: parseMarkdownFile,
  'plain-text': parsePlainTextFile,
  wordpress: parseWordPressExport,
}

/** A bulk import checkpoints SQLite's WAL this often (entries written) and at the end, so it stays small. */
const CHECKPOINT_EVERY = 100
/**
 * On SQLite, the pause after each entry written. SQLite has no queue for its write lock: an
 * import that begins its next transaction the moment the last one commits keeps a running
 * server's writers out until their busy timeout runs out (500s). The pause is their turn.
 */
const GIVE_WAY_MS = 25

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Imports files of any supported format. Every entry is written on its own (one transaction
 * each): a broken entry or file is reported with the reason and the rest goes on.
 * `onProgress` is told after each entry, for a progress bar.
 */
export async function importFiles(
  payload: Payload,
  files: string[],
  options: ImportOptions & { onProgress?: (done: number, total: number, result: ImportResult) => void } = {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = []
  const { IMPORT_ALLOWED_HOSTS: allowedHosts } = readEnv()
  const pending: Array<{ item: ParsedFile['items'][number] } | { result: ImportResult }> = []
  for (const file of files) {
    try {
      const text = await fs.readFile(file, 'utf8')
      const parsed = PARSERS[detectFormat(file, text)](text, file)
      pending.push(...parsed.items.map((item) => ({ item })))
      pending.push(...parsed.skipped.map(({ source, reason }) => ({ result: { source, ok: 'skipped' as const, reason, warnings: [] } })))
      pending.push(...parsed.broken.map(({ source, error }) => ({ result: { source, ok: false as const, error, warnings: [] } })))
    } catch (error) {
      pending.push({ result: { source: file, ok: false, error: messageOf(error), warnings: [] } })
    }
  }
  for (const entry of pending) {
    let result: ImportResult
    if ('result' in entry) {
      result = entry.result
    } else {
      const warnings: string[] = []
      const resolveImage = imageResolver(payload, entry.item.baseDir ?? process.cwd(), (warning) => warnings.push(warning), { allowedHosts })
      try {
        result = { source: entry.item.source, ok: true, warnings, ...(await importArticle(payload, entry.item, { ...options, resolveImage })) }
      } catch (error) {
        result = { source: entry.item.source, ok: false, error: messageOf(error), warnings }
      }
    }
    results.push(result)
    options.onProgress?.(results.length, pending.length, result)
    if ('item' in entry && payload.db.name === 'sqlite') await sleep(GIVE_WAY_MS)
    if (results.length % CHECKPOINT_EVERY === 0) await checkpointWal(payload)
  }
  await checkpointWal(payload)
  return results
}

/** Counts for the closing line of an import. */
export function summarize(results: ImportResult[]): ImportSummary {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, comments: 0 }
  for (const result of results) {
    if (result.ok === true) {
      summary[result.status]++
      summary.comments += result.comments.created
    } else if (result.ok === 'skipped') summary.skipped++
    else summary.failed++
  }
  return summary
}
