/**
 * npm run export -- [--format json|markdown] [--slug <slug>] [--out <dir>]
 * Writes articles (latest versions, drafts included) as JSON or as Markdown files with front
 * matter that `npm run import` reads back. Without --slug, the whole collection.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'

import type { Article } from '../payload-types'

import { runCommand, withPayload } from './command'
import { articleToJson, articleToMarkdown, EXPORT_FORMATS, exportFileName, type ExportFormat } from '../export/articles'

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { format: { type: 'string', default: 'markdown' }, slug: { type: 'string' }, out: { type: 'string', default: 'export' } },
  })
  const format = values.format as ExportFormat
  if (!EXPORT_FORMATS.includes(format)) {
    console.error(`Unknown format "${values.format}". Usage: npm run export -- [--format json|markdown] [--slug <slug>] [--out <dir>]`)
    return 2
  }
  return withPayload(async (payload) => {
    await fs.mkdir(values.out, { recursive: true })
    let written = 0
    for (let page = 1, pages = 1; page <= pages; page++) {
      const result = await payload.find({
        collection: 'articles',
        where: values.slug ? { slug: { equals: values.slug } } : undefined,
        draft: true,
        depth: 1,
        limit: 100,
        page,
        sort: 'id',
        overrideAccess: true,
      })
      pages = result.totalPages
      if (format === 'json') {
        for (const article of result.docs) await fs.writeFile(path.join(values.out, exportFileName(article as Article, format)), `${JSON.stringify(articleToJson(article as Article), null, 2)}\n`)
      } else {
        for (const article of result.docs) await fs.writeFile(path.join(values.out, exportFileName(article as Article, format)), await articleToMarkdown(payload, article as Article))
      }
      written += result.docs.length
    }
    console.log(`${written} article${written === 1 ? '' : 's'} written to ${values.out}/ as ${format}`)
    if (values.slug && written === 0) {
      console.error(`No article has the slug "${values.slug}".`)
      return 1
    }
    return 0
  })
}

runCommand(main)
