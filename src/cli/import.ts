/**
 * npm run import -- [--tags "Iraq,Security"] [--publish] [--locale ar [--translation-of <identity>]] <file or folder...>
 * Imports plain-text articles, Markdown with front matter, WordPress (WXR) and Blogger (Atom)
 * exports as drafts, with a progress bar and a summary. Safe to re-run: each post is found again
 * by its import identity (never by its slug), so it updates, never duplicates, and never
 * overwrites another article. A folder stands for the files in it and its subfolders with a
 * known extension. `--locale` names the edition written (docs/editions.md); a post that
 * translates another (`translation_of` in Markdown, or `--translation-of` for the whole run)
 * becomes that article's edition.
 */
import { SingleBar } from 'cli-progress'
import { parseArgs } from 'node:util'

import type { ImportResult } from '../import/importFiles'

import { closeDatabase } from '../db/connection'
import { DEFAULT_EDITION, EDITION_CODES, isEditionCode } from '../editions/locales'
import { importFiles, summarize } from '../import/importFiles'

/**
 * A line as the terminal gets it: control characters from an import file (an escape sequence in
 * a title or an address) are shown as "�", never run by the terminal.
 */
const printable = (line: string) => line.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD')

const describe = (result: ImportResult): string => {
  if (result.ok === true) {
    const notes: string[] = []
    if (result.comments.created || result.comments.waiting) notes.push(`comments: ${result.comments.created} added${result.comments.waiting ? `, ${result.comments.waiting} waiting for publication` : ''}`)
    if (result.redirects.created) notes.push(`redirects: ${result.redirects.created} added`)
    return `${result.status.padEnd(9)} ${result.source} -> ${result.kind === 'page' ? 'page ' : ''}/${result.slug}${notes.length ? ` (${notes.join('; ')})` : ''}`
  }
  if (result.ok === 'skipped') return `skipped   ${result.source}: ${result.reason}`
  return `failed    ${result.source}: ${result.error}`
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      publish: { type: 'boolean', default: false },
      tags: { type: 'string', default: '' },
      locale: { type: 'string', default: DEFAULT_EDITION },
      'translation-of': { type: 'string' },
    },
  })
  if (positionals.length === 0) {
    console.error('Usage: npm run import -- [--tags "Tag one,Tag two"] [--publish] [--locale ar [--translation-of <import identity>]] <file.txt|file.md|wordpress.xml|blogger.xml|folder...>')
    return 2
  }
  const locale = values.locale
  if (!isEditionCode(locale)) {
    console.error(`--locale ${printable(String(locale)).slice(0, 40)} is no edition: use ${EDITION_CODES.join(' or ')}.`)
    return 2
  }
  const translationOf = values['translation-of']?.trim() || undefined
  if (translationOf && locale === DEFAULT_EDITION) {
    console.error(`--translation-of writes another edition of an article: name it with --locale (${EDITION_CODES.filter((code) => code !== DEFAULT_EDITION).join(', ')}).`)
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
    locale,
    translationOf,
    onProgress: (done, total, result) => {
      if (!started) bar.start(total, 0, { source: '' })
      started = true
      bar.update(done, { source: result.source.slice(-40) })
    },
  })
  bar.stop()
  for (const result of results) {
    console.log(printable(describe(result)))
    for (const warning of result.warnings) console.log(printable(`          warning: ${warning}`))
  }
  const summary = summarize(results)
  console.log(
    `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped} skipped, ${summary.failed} failed; ` +
      `${summary.comments} comments added; ${summary.redirects.created} redirects added, ${summary.redirects.unchanged} already there; ${summary.warnings} warnings`,
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
