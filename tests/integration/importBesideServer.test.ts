import { createClient } from '@libsql/client'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { ServerProcess } from '../helpers/serverProcess'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { api } from '../helpers/http'
import { waitFor } from '../helpers/waitFor'
import { spawnServer } from '../helpers/serverProcess'
import { onSqlite } from '../helpers/testDatabase'

/**
 * `npm run import -- --publish <folder>` beside the running server, on one SQLite file: the
 * server must keep answering reads and writes (no 5xx), its counts must match the database
 * afterwards, and the WAL file must stay bounded.
 *
 * SQLite only: two processes sharing one database file is SQLite's problem (one writer at a time,
 * WAL snapshots, checkpoints). On PostgreSQL each process has its own pooled connections to a
 * server that arbitrates them, so this test is skipped there (TEST_DATABASE_URL set to a
 * postgres:// or mongodb:// URL).
 */
const describeOnSqlite = onSqlite ? describe : describe.skip

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const ARTICLES = 200
const WAL_LIMIT_BYTES = 64 * 1024 * 1024

let scratch: string
let dbFile: string
let server: ServerProcess | undefined

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-import-beside-'))
  dbFile = path.join(scratch, 'newsroom.db')
})
afterAll(async () => {
  server?.child.kill('SIGTERM')
  await server?.exited
  fs.rmSync(scratch, { recursive: true, force: true })
})

/** Generated Markdown articles, a few paragraphs each, with bylines and tags shared between them. */
function writeArticles(folder: string, count: number) {
  fs.mkdirSync(folder, { recursive: true })
  for (let i = 0; i < count; i++) {
    const paragraphs = Array.from({ length: 6 }, (_, p) => `Paragraph ${p + 1} of article ${i}: ${'the reporting goes on, with names, places and figures. '.repeat(6)}`)
    fs.writeFileSync(
      path.join(folder, `article-${String(i).padStart(4, '0')}.md`),
      `---\ntitle: Generated article ${i}\nauthors: [Writer ${i % 7}]\ntags: Topic ${i % 11}, Region ${i % 5}\ndate: 2024-01-01T08:00:00Z\n---\n\n## Part one\n\n${paragraphs.join('\n\n')}\n`,
    )
  }
}

function runImport(folder: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', 'src/cli/import.ts', '--publish', folder], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })))
}

describeOnSqlite('a CLI import beside the running server (SQLite)', () => {
  test(`${ARTICLES} published Markdown files while the server serves reads and writes`, async () => {
    const env = { DATABASE_URL: `file:${dbFile}`, PAYLOAD_SECRET: 'import-beside-secret', SEED_DEMO: 'false', RUN_JOBS: 'true' }
    server = await spawnServer(env)
    const url = server.url
    const first = await api(url, '/api/users/first-register', { method: 'POST', body: { email: 'desk@newsroom.test', password: 'a long enough password' } })
    expect(first.status).toBe(200)
    const token = first.body.token as string
    const folder = path.join(scratch, 'articles')
    writeArticles(folder, ARTICLES)
    // An article the server published before the import: the import's own start (its schema
    // push) must leave the search index as it is (src/search/devSchema.ts).
    const before = await api(url, '/api/articles', { method: 'POST', token, body: { title: 'Before the import: Chibayish marshes', body: lexicalFromParagraphs(['Buffalo herders in Chibayish.']) } })
    expect(before.status).toBe(201)
    for (const stage of ['in_review', 'approved', 'published']) {
      expect((await api(url, `/api/articles/${before.body.doc.id}?draft=true`, { method: 'PATCH', token, body: { stage } })).status).toBe(200)
    }
    await waitFor(async () => (await api(url, '/api/search?q=chibayish')).body?.totalDocs === 1, 30_000, 'the search index to be ready')

    // Readers and a writer keep the server busy for as long as the import runs.
    const failures: string[] = []
    let requests = 0
    let stop = false
    const note = (what: string, status: number, body: unknown) => {
      requests++
      if (status >= 500) failures.push(`${what}: ${status} ${JSON.stringify(body).slice(0, 300)}`)
    }
    const reader = async (pathname: string, withToken: boolean) => {
      while (!stop) {
        const result = await api(url, pathname, withToken ? { token } : {})
        note(`GET ${pathname}`, result.status, result.body)
      }
    }
    const writer = async (lane: number) => {
      for (let i = 0; !stop; i++) {
        const result = await api(url, '/api/tags', { method: 'POST', token, body: { name: `During import ${lane}-${i}` } })
        note('POST /api/tags', result.status, result.body)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    const load = [reader('/api/articles?limit=5&depth=1', false), reader('/api/articles?draft=true&limit=5&depth=0', true), reader('/api/tags?limit=5', false), writer(1), writer(2)]

    const started = Date.now()
    const imported = await runImport(folder, env)
    stop = true
    await Promise.all(load)
    expect({ code: imported.code, tail: imported.output.slice(-1500) }).toMatchObject({ code: 0 })
    expect(imported.output.split('\n').filter((line) => /^(failed|\s+warning)/.test(line))).toEqual([])
    expect(imported.output).toContain(`${ARTICLES} created, 0 updated, 0 unchanged, 0 skipped, 0 failed`)
    expect(requests).toBeGreaterThan(20)
    expect(failures).toEqual([])
    // Bounded load: the import (and the test) must stay well inside jest's timeout.
    expect(Date.now() - started).toBeLessThan(100_000)

    // The server reads what the database holds: no connection pinned to an old snapshot.
    const database = createClient({ url: `file:${dbFile}` })
    try {
      const rows = async (sql: string) => Number((await database.execute(sql)).rows[0]![0])
      const stored = await rows('SELECT count(*) FROM articles')
      // Each edition's publication status is in the per-locale table; the import is English.
      const published = await rows("SELECT count(*) FROM articles_locales WHERE _locale = 'en' AND _status = 'published'")
      expect(stored).toBe(ARTICLES + 1)
      expect(published).toBe(ARTICLES + 1)
      const staffCount = await api(url, '/api/articles?draft=true&limit=1&depth=0', { token })
      expect(staffCount.status).toBe(200)
      expect(staffCount.body.totalDocs).toBe(stored)
      const publicCount = await api(url, '/api/articles?limit=1&depth=0')
      expect(publicCount.status).toBe(200)
      expect(publicCount.body.totalDocs).toBe(published)

      // Search finds what the server indexed before the import, and everything the import published.
      expect((await api(url, '/api/search?q=chibayish', { headers: { 'cache-control': 'no-cache' } })).body.totalDocs).toBe(1)
      expect((await api(url, '/api/search?q=reporting&limit=1')).body.totalDocs).toBe(ARTICLES)

      // Writes still work after the import, and are seen.
      const after = await api(url, '/api/tags', { method: 'POST', token, body: { name: 'After the import' } })
      expect(after.status).toBe(201)
      const tags = await rows("SELECT count(*) FROM tags_locales WHERE _locale = 'en' AND name = 'After the import'")
      expect(tags).toBe(1)
    } finally {
      database.close()
    }

    // The WAL is checkpointed and bounded, not left to grow while a reader pins it.
    const wal = fs.statSync(`${dbFile}-wal`, { throwIfNoEntry: false })?.size ?? 0
    expect(wal).toBeLessThan(WAL_LIMIT_BYTES)
    expect(server.output()).not.toMatch(/SQLITE_BUSY/)
  }, 150_000)
})
