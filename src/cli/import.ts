/**
 * npm run import -- [--tags "Iraq,Security"] [--publish] <file or folder...>
 * Imports plain-text articles, Markdown with front matter, WordPress (WXR) and Blogger (Atom)
 * exports as drafts, with a progress bar and a summary. Safe to re-run: it updates, never duplicates.
 * A folder stands for the files directly in it with a known extension.
 */
import { SingleBar } from 'cli-progress'
import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'

import type { ImportResult } from '../import/importFiles'

import { closeDatabase } from '../db/connection'
import { importFiles, summarize } from '../import/importFiles'

const IMPORTABLE = /\.(txt|md|markdown|xml|atom)$/i

/** The files to import: each argument, or for a folder the importable files directly in it, in name order. */
async function filesOf(args: string[]): Promise<string[]> {
  const files: string[] = []
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => undefined)
    if (!stat?.isDirectory()) {
      files.push(arg) // a missing file is reported by the importer, with the others going on
      continue
    }
    const entries = await fs.readdir(arg, { withFileTypes: true })
    files.push(...entries.filter((entry) => entry.isFile() && IMPORTABLE.test(entry.name)).map((entry) => path.join(arg, entry.name)).sort())
  }
  return files
}

const describe = (result: ImportResult): string => {
  if (result.ok === true) {
    const comments = result.comments.created || result.comments.waiting ? ` (comments: ${result.comments.created} added${result.comments.waiting ? `, ${result.comments.waiting} waiting for publication` : ''})` : ''
    return `${result.status.padEnd(9)} ${result.source} -> /${result.slug}${comments}`
  }
  if (result.ok === 'skipped') return `skipped   ${result.source}: ${result.reason}`
  return `failed    ${result.source}: ${result.error}`
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { publish: { type: 'boolean', default: false }, tags: { type: 'string', default: '' } },
  })
  if (positionals.length === 0) {
    console.error('Usage: npm run import -- [--tags "Tag one,Tag two"] [--publish] <file.txt|file.md|wordpress.xml|blogger.xml|folder...>')
    return 2
  }

  const [{ default: config }, { getPayload }] = await Promise.all([import('../../payload.config'), import('payload')])
  const payload = await getPayload({ config })
  const tags = values.tags.split(',').map((tag) => tag.trim()).filter(Boolean)
  const bar = new SingleBar({ format: 'importing [{bar}] {value}/{total} {source}', stream: process.stderr, hideCursor: true, clearOnComplete: true, noTTYOutput: false })
  let started = false
  const results = await importFiles(payload, await filesOf(positionals), {
    tags,
    publish: values.publish,
    onProgress: (done, total, result) => {
      if (!started) bar.start(total, 0, { source: '' })
      started = true
      bar.update(done, { source: result.source.slice(-40) })
    },
  })
  bar.stop()
  for (const result of results) {
    console.log(describe(result))
    for (const warning of result.warnings) console.log(`          warning: ${warning}`)
  }
  const summary = summarize(results)
  console.log(
    `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped} skipped, ${summary.failed} failed; ${summary.comments} comments added`,
  )
  await closeDatabase(payload)
  return summary.failed > 0 ? 1 : 0
}

/** process.exit does not wait for a piped stdout: let the summary out first. */
const flushed = () => new Promise<void>((resolve) => process.stdout.write('', () => resolve()))

main().then(
  (code) => flushed().then(() => process.exit(code)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
