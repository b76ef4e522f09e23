import type { Payload } from 'payload'

import type { Dirent } from 'node:fs'

import fs from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

import type { ImportOptions, ImportOutcome } from './importArticle'
import type { FormatParser, ParsedFile } from './item'

import { checkpointWal } from '../db/sqliteCheckpoint'
import { readEnv } from '../env'
import { parseBloggerExport } from './formats/blogger'
import { parseMarkdownFile } from './formats/markdown'
import { parsePlainTextFile } from './formats/plainText'
import { parseWordPressExport } from './formats/wordpress'
import { imageResolver } from './images'
import { importArticle } from './importArticle'
import { importPage } from './importPage'

export type ImportFormat = 'blogger' | 'markdown' | 'plain-text' | 'wordpress'

/** One entry's fate: written (created, updated or unchanged), skipped (not an article) or failed. */
export type ImportResult = { source: string; warnings: string[] } & (
  | ({ ok: true } & ImportOutcome)
  | { ok: false; error: string }
  | { ok: 'skipped'; reason: string }
)

export type ImportSummary = {
  created: number
  updated: number
  unchanged: number
  skipped: number
  failed: number
  comments: number
  /** Redirects from old addresses made by this run, and those there already. */
  redirects: { created: number; unchanged: number }
  warnings: number
}

/** The extensions a folder's files are imported by. */
const IMPORTABLE = /\.(txt|md|markdown|xml|atom)$/i

/**
 * One file to read, and the folder it was found in (file-based identities are paths relative to
 * it); `error` when a folder could not be read.
 */
export type ImportFile = { file: string; root: string; error?: string }

/**
 * The files an import stands for: each file argument (its own folder is its root), and for a
 * folder the importable files in it and its subfolders, in path order, with the folder as their
 * root. Hidden files and folders (`.git`) and symbolic links are left out. A missing path is kept,
 * to be reported by the import with the others going on. A file named twice is read once.
 */
export async function filesOf(args: string[]): Promise<ImportFile[]> {
  const files: ImportFile[] = []
  const seen = new Set<string>()
  const add = async (file: string, root: string) => {
    const real = await fs.realpath(file).catch(() => path.resolve(file))
    if (seen.has(real)) return
    seen.add(real)
    files.push({ file, root })
  }
  const walk = async (folder: string, root: string, found: ImportFile[]) => {
    let entries: Dirent[]
    try {
      entries = await fs.readdir(folder, { withFileTypes: true })
    } catch (error) {
      found.push({ file: folder, root, error: `The folder cannot be read: ${messageOf(error)}` })
      return
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) await walk(full, root, found)
      else if (entry.isFile() && IMPORTABLE.test(entry.name)) found.push({ file: full, root })
    }
  }
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => undefined)
    if (!stat?.isDirectory()) {
      await add(arg, path.dirname(arg))
      continue
    }
    const found: ImportFile[] = []
    await walk(arg, arg, found)
    for (const entry of found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
      if (entry.error) files.push(entry)
      else await add(entry.file, entry.root)
    }
  }
  return files
}

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

const PARSERS: Record<ImportFormat, FormatParser> = {
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
 * Imports files of any supported format; a folder stands for its importable files (filesOf).
 * Every entry is written on its own (one transaction each): a broken entry or file is reported
 * with the reason and the rest goes on. Two entries of one run with the same import identity are
 * the same post twice (a copied front matter id, a post id repeated in an export): the later one
 * fails rather than overwriting the article the first one wrote. `onProgress` is told after each
 * entry, for a progress bar.
 */
export async function importFiles(
  payload: Payload,
  paths: string[],
  options: ImportOptions & { onProgress?: (done: number, total: number, result: ImportResult) => void } = {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = []
  const { IMPORT_ALLOWED_HOSTS: allowedHosts } = readEnv()
  const pending: Array<{ item: ParsedFile['items'][number] } | { result: ImportResult }> = []
  const identities = new Map<string, string>()
  for (const { file, root, error } of await filesOf(paths)) {
    if (error) {
      pending.push({ result: { source: file, ok: false, error, warnings: [] } })
      continue
    }
    try {
      const text = await fs.readFile(file, 'utf8')
      const parsed = PARSERS[detectFormat(file, text)](text, file, root)
      for (const item of parsed.items) {
        const earlier = identities.get(item.importSource)
        if (earlier === undefined) {
          identities.set(item.importSource, item.source)
          pending.push({ item })
        } else {
          const error = `The same post as ${earlier} (import identity ${item.importSource}), earlier in this import: left out, so that it does not overwrite that article.`
          pending.push({ result: { source: item.source, ok: false, error, warnings: [] } })
        }
      }
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
      const warnings: string[] = [...(entry.item.warnings ?? [])]
      const resolveImage = imageResolver(payload, entry.item.baseDir ?? process.cwd(), (warning) => warnings.push(warning), { allowedHosts })
      try {
        const write = entry.item.kind === 'page' ? importPage : importArticle
        const outcome = await write(payload, entry.item, { ...options, resolveImage })
        result = { ...outcome, source: entry.item.source, ok: true, warnings: [...warnings, ...outcome.warnings] }
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
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, comments: 0, redirects: { created: 0, unchanged: 0 }, warnings: 0 }
  for (const result of results) {
    summary.warnings += result.warnings.length
    if (result.ok === true) {
      summary[result.status]++
      summary.comments += result.comments.created
      summary.redirects.created += result.redirects.created
      summary.redirects.unchanged += result.redirects.unchanged
    } else if (result.ok === 'skipped') summary.skipped++
    else summary.failed++
  }
  return summary
}
