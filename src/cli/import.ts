/**
 * npm run import -- [--tags "Iraq,Security"] [--publish] <file...>
 * Imports plain-text articles, Markdown with front matter, WordPress (WXR) and Blogger (Atom)
 * exports as drafts, with a progress bar and a summary. Safe to re-run: it updates, never duplicates.
 */
import { SingleBar } from 'cli-progress'
import { parseArgs } from 'node:util'

import type { ImportResult } from '../import/importFiles'

import { closeDatabase } from '../db/connection'
import { importFiles, summarize } from '../import/importFiles'

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
    console.error('Usage: npm run import -- [--tags "Tag one,Tag two"] [--publish] <file.txt|file.md|wordpress.xml|blogger.xml...>')
    return 2
  }

  const [{ default: config }, { getPayload }] = await Promise.all([import('../../payload.config'), import('payload')])
  const payload = await getPayload({ config })
  const tags = values.tags.split(',').map((tag) => tag.trim()).filter(Boolean)
  const bar = new SingleBar({ format: 'importing [{bar}] {value}/{total} {source}', stream: process.stderr, hideCursor: true, clearOnComplete: true, noTTYOutput: false })
  let started = false
  const results = await importFiles(payload, positionals, {
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
