import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The publication's sample articles: the shared samples folder beside the repo when present, else the copy the demo seed ships. */
export function sampleArticleFiles(): string[] {
  const shared = path.resolve(root, '../shared/samples')
  if (fs.existsSync(shared)) {
    const files = fs.readdirSync(shared).filter((name) => name.endsWith('.txt'))
    if (files.length > 0) return files.map((name) => path.join(shared, name))
  }
  return [path.join(root, 'src/seed/demo-article.txt')]
}

export const demoArticleFile = path.join(root, 'src/seed/demo-article.txt')
