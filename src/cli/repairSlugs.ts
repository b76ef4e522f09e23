/**
 * npm run slugs:repair -- [--dry-run]
 * Fixes slugs stored before the slug rule (src/slugs/slugify.ts): empty or punctuation-only ones
 * (`---` for an Arabic title) and ones that lost letters (`ncd-a-va-berraschung`). Published
 * articles keep their old address as a redirect. --dry-run lists what would change.
 */
import { parseArgs } from 'node:util'

import { repairSlugs } from '../slugs/repair'
import { runCommand, withPayload } from './command'

runCommand(async () => {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } })
  const dryRun = values['dry-run']
  return withPayload(async (payload) => {
    const repairs = await repairSlugs(payload, { dryRun })
    for (const { collection, id, locale, from, to, note } of repairs) console.log(`${collection} ${id} (${locale}): "${from}" -> "${to}"${note ? ` (${note})` : ''}`)
    console.log(`${repairs.length} slug${repairs.length === 1 ? '' : 's'} ${dryRun ? 'would be repaired (dry run: nothing changed)' : 'repaired'}.`)
    return 0
  })
})
