/**
 * npm run import -- [--tags "Iraq,Security"] [--publish] <file...>
 * Imports plain-text articles (title, byline, paragraphs) as drafts. Safe to re-run.
 */
import { parseArgs } from 'node:util'

import { closeDatabase } from '../db/connection'
import { importFiles } from '../import/importFiles'

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { publish: { type: 'boolean', default: false }, tags: { type: 'string', default: '' } },
  })
  if (positionals.length === 0) {
    console.error('Usage: npm run import -- [--tags "Tag one,Tag two"] [--publish] <file.txt...>')
    return 2
  }

  const [{ default: config }, { getPayload }] = await Promise.all([import('../../payload.config'), import('payload')])
  const payload = await getPayload({ config })
  const tags = values.tags.split(',').map((tag) => tag.trim()).filter(Boolean)
  const results = await importFiles(payload, positionals, { tags, publish: values.publish })
  for (const result of results) {
    console.log(result.ok ? `${result.status.padEnd(9)} ${result.file} -> /${result.slug}` : `failed    ${result.file}: ${result.error}`)
  }
  const failed = results.filter((result) => !result.ok).length
  console.log(`${results.length - failed} imported, ${failed} failed`)
  await closeDatabase(payload)
  return failed > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
