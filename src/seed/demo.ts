import type { Payload } from 'payload'

import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { importArticle } from '../import/importArticle'
import { parsePlainTextFile } from '../import/formats/plainText'

const demoArticle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-article.txt')
export const DEMO_TAGS = ['Iraq', 'Militias', 'Middle East']

/** On an empty database, publishes the sample article with its author and tags so the API answers at once. */
export async function seedDemoContent(payload: Payload): Promise<boolean> {
  const { totalDocs } = await payload.count({ collection: 'articles', overrideAccess: true })
  if (totalDocs > 0) return false
  const [article] = parsePlainTextFile(await fs.readFile(demoArticle, 'utf8'), demoArticle).items
  await importArticle(payload, article!, { tags: DEMO_TAGS, publish: true })
  payload.logger.info(`Demo content loaded: "${article!.title}" (set SEED_DEMO=false to skip).`)
  return true
}
