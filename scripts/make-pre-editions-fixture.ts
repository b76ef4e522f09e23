// @ts-nocheck: this script runs against the commit before editions (see below), whose types differ from today's.
/**
 * Builds the pre-editions database fixture (tests/fixtures/pre-editions/) that the editions
 * migration test upgrades. Run once, from a checkout of the commit before editions (44b177d),
 * with DATABASE_URL set to an empty SQLite file or PostgreSQL database:
 *   NODE_ENV=production DATABASE_URL=… node --conditions=production --import tsx scripts/make-pre-editions-fixture.ts
 * It applies that commit's migrations, loads the demo content, and walks articles through the
 * workflow so the history, a live revision, an assignee and a due date all exist.
 */
import fs from 'node:fs'
import path from 'node:path'

import { getPayload } from 'payload'

const { default: config } = await import('../payload.config')
const { seedDemoContent } = await import('../src/seed/demo')
const payload = await getPayload({ config })
await seedDemoContent(payload)

const editor = await payload.create({ collection: 'users', data: { email: 'editor@newsroom.test', password: 'correct horse battery staple', name: 'Dana Editor', role: 'editor' }, overrideAccess: true })
const writer = await payload.create({ collection: 'users', data: { email: 'writer@newsroom.test', password: 'correct horse battery staple', name: 'Sami Writer', role: 'author' }, overrideAccess: true })
const byline = await payload.create({ collection: 'authors', data: { name: 'Sami Writer', bio: 'Covers Basra and the south.', user: writer.id }, overrideAccess: true })
const image = await payload.create({
  collection: 'media',
  data: { alt: 'A map of Basra province', credit: 'Newsroom' },
  file: { data: fs.readFileSync(path.resolve('tests/fixtures/import/map-of-basra.png')), mimetype: 'image/png', name: 'map-of-basra.png', size: fs.statSync('tests/fixtures/import/map-of-basra.png').size },
  overrideAccess: true,
})
const tag = (await payload.find({ collection: 'tags', limit: 1, overrideAccess: true })).docs[0]!
const body = (text: string) => ({ root: { type: 'root', direction: 'ltr', format: '', indent: 0, version: 1, children: [{ type: 'paragraph', direction: 'ltr', format: '', indent: 0, version: 1, textFormat: 0, children: [{ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }] }] } })
const as = (user: typeof editor) => ({ user: { ...user, collection: 'users' } }) as never

// Published through every step, then revised while live (the revision waits in review).
const live = await payload.create({ collection: 'articles', data: { title: 'Basra water protests return', excerpt: 'Protesters blocked the port road.', body: body('Protesters in Basra blocked the road to Umm Qasr port.'), authors: [byline.id], tags: [tag.id], heroImage: image.id, seo: { title: 'Basra protests', description: 'Water and power.' } }, ...as(writer), overrideAccess: false })
for (const [stage, user] of [['in_review', writer], ['approved', editor], ['published', editor]] as const) {
  await payload.update({ collection: 'articles', id: live.id, data: { stage }, ...as(user), overrideAccess: false })
}
await payload.update({ collection: 'articles', id: live.id, data: { title: 'Basra water protests return for a third week' }, ...as(writer), overrideAccess: false })
await payload.update({ collection: 'articles', id: live.id, data: { stage: 'in_review' }, ...as(writer), overrideAccess: false })

// In review, assigned, with a due date.
const waiting = await payload.create({ collection: 'articles', data: { title: 'Kurdistan budget talks stall', body: body('Erbil and Baghdad failed again to agree the budget.'), authors: [byline.id] }, ...as(writer), overrideAccess: false })
await payload.update({ collection: 'articles', id: waiting.id, data: { stage: 'in_review' }, ...as(writer), overrideAccess: false })
await payload.update({ collection: 'articles', id: waiting.id, data: { assignee: editor.id, dueDate: '2026-12-24T09:00:00.000Z' }, ...as(editor), overrideAccess: false })

// Sent back to the writer with a note.
const returned = await payload.create({ collection: 'articles', data: { title: 'Mosul reconstruction', body: body('Rebuilding the old city.') }, ...as(writer), overrideAccess: false })
await payload.update({ collection: 'articles', id: returned.id, data: { stage: 'in_review' }, ...as(writer), overrideAccess: false })
await payload.update({ collection: 'articles', id: returned.id, data: { stage: 'changes_requested', workflowNote: 'Add the governor’s figures.' }, ...as(editor), overrideAccess: false })

const history = await payload.count({ collection: 'article-history', overrideAccess: true })
payload.logger.info(`pre-editions fixture: ${history.totalDocs} history entries`)
await payload.destroy()
process.exit(0)
