/**
 * `npm run bench`: the public content API against a raw baseline, on SQLite and PostgreSQL, at
 * 10k and 100k articles. Each (database, size) runs in its own process (bench/api/run.ts), where
 * the CMS and the baseline share the process and the data; the sizes of one database are measured
 * in turns, scenario by scenario. Prints the results and writes them to docs/benchmarks.md.
 *
 * BENCH_SIZES (default 10000,100000), BENCH_SECONDS per measurement (default 5),
 * BENCH_SCENARIOS (parts of scenario names, comma-separated: only those are measured, and their
 * rows replace the same rows of the last report),
 * BENCH_POSTGRES_URL (default postgres://newsroom:newsroom@127.0.0.1:5432/postgres; a server
 * where the user may create databases; PostgreSQL is left out when it cannot be reached).
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { mergedReport } from './mergedReport'

type Figures = { rps: number; p50: number; p99: number; errors: number }
type Run = { kind: string; size: number; seconds: number; connections: number; storeRebuildSeconds: number; searchBuildSeconds: number; searchEntries: number; scenarios: Record<string, { cms: Figures; baseline: Figures }> }

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number)
const postgresTemplate = process.env.BENCH_POSTGRES_URL ?? 'postgres://newsroom:newsroom@127.0.0.1:5432/postgres'

type Reply = { ready?: boolean; scenario?: string; error?: string } & Record<string, unknown>

/** One benchmark process (bench/api/run.ts) for one database and size, driven a command at a time. */
class BenchProcess {
  private readonly replies: Reply[] = []
  private waiting?: { resolve: (reply: Reply) => void; reject: (error: Error) => void }
  private ended?: Error
  private readonly child
  private output = ''

  constructor(databaseUrl: string, size: number) {
    this.child = spawn(process.execPath, ['--conditions=production', '--import', 'tsx', 'bench/api/run.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'production',
        PAYLOAD_SECRET: 'bench-secret',
        DATABASE_URL: databaseUrl,
        BENCH_SIZE: String(size),
        SEED_DEMO: 'false',
        RUN_JOBS: 'false',
        LOG_LEVEL: 'warn',
        // Production insists on a mail setting; the benchmark sends no mail.
        SMTP_URL: 'off',
        // The load comes from one address: the per-client budgets would answer it with 429s.
        GRAPHQL_QUERIES_PER_CLIENT: '1000000000',
        EXPENSIVE_READS_PER_CLIENT: '1000000000',
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.output = `${this.output}${line}\n`.slice(-4000)
      if (!line.startsWith('{"ready"') && !line.startsWith('{"scenario"') && !line.startsWith('{"done"') && !line.startsWith('{"error"')) return
      const reply = JSON.parse(line) as Reply
      const waiting = this.waiting
      this.waiting = undefined
      if (waiting) waiting.resolve(reply)
      else this.replies.push(reply)
    })
    this.child.on('exit', (code) => {
      this.ended = new Error(`benchmark process ended (exit ${code}):\n${this.output}`)
      this.waiting?.reject(this.ended)
    })
  }

  /** The next reply; rejects if the process ends first. */
  next(): Promise<Reply> {
    const queued = this.replies.shift()
    if (queued) return Promise.resolve(queued)
    if (this.ended) return Promise.reject(this.ended)
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }))
  }

  async send(command: string): Promise<Reply> {
    this.child.stdin.write(`${command}\n`)
    const reply = await this.next()
    if (reply.error) throw new Error(reply.error)
    return reply
  }

  async exit(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.stdin.end('exit\n')
    await exited
  }
}

/**
 * Measures one database at every size. All sizes are seeded and started first, then measured in
 * turns, scenario by scenario, so the growth from the smallest to the largest compares figures
 * taken a few seconds apart rather than minutes apart on this shared machine.
 */
async function runSizes(databaseUrls: string[]): Promise<Run[]> {
  const processes = databaseUrls.map((url, i) => new BenchProcess(url, sizes[i]!))
  const ready = await Promise.all(processes.map((child) => child.next()))
  const runs: Run[] = ready.map((reply) => ({ ...(reply as unknown as Omit<Run, 'scenarios'>), scenarios: {} }))
  for (const child of processes) await child.send('warm-up')
  for (const scenario of ready[0]!.scenarios as string[]) {
    for (const [i, child] of processes.entries()) {
      const { cms, baseline } = (await child.send(scenario)) as unknown as { cms: Figures; baseline: Figures }
      runs[i]!.scenarios[scenario] = { cms, baseline }
    }
  }
  await Promise.all(processes.map((child) => child.exit()))
  return runs
}

async function postgresDatabases(): Promise<null | { create: (name: string) => Promise<string>; drop: (name: string) => Promise<void>; close: () => Promise<void> }> {
  const { default: pg } = await import('pg')
  const admin = new pg.Client({ connectionString: postgresTemplate, connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
  } catch (error) {
    console.log(`PostgreSQL left out: cannot connect to ${postgresTemplate} (${(error as Error).message}).`)
    return null
  }
  return {
    create: async (name) => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.query(`CREATE DATABASE ${name}`)
      const url = new URL(postgresTemplate)
      url.pathname = `/${name}`
      return url.toString()
    },
    drop: async (name) => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
    close: () => admin.end(),
  }
}

const runs: Run[] = []
const dirs = sizes.map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-')))
console.log(`SQLite, ${sizes.join(' and ')} articles…`)
runs.push(...(await runSizes(dirs.map((dir) => `file:${path.join(dir, 'bench.db')}`))))
for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
const postgres = await postgresDatabases()
if (postgres) {
  const names = sizes.map((size) => `newsroom_bench_${size}`)
  console.log(`PostgreSQL, ${sizes.join(' and ')} articles…`)
  runs.push(...(await runSizes(await Promise.all(names.map((name) => postgres.create(name))))))
  for (const name of names) await postgres.drop(name)
  await postgres.close()
}

// Targets from the issue: uncached list and slug reads ≥ 0.25 of the baseline's requests/s,
// cached reads ≥ 0.8, p99 under 4× the baseline's, p50 growth from the smallest to the largest size ≤ 1.5×.
const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b)
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–')
const lines: string[] = []
lines.push('# Benchmarks', '')
lines.push(
  'Written by `npm run bench` (bench/api). Each row measures the CMS (Express + Payload, production mode, anonymous requests) and, in the same process on the same data, a baseline: a minimal Node HTTP handler that answers the same question with direct SQL and `JSON.stringify`. autocannon on 127.0.0.1, ' +
    `${runs[0]?.connections ?? 10} connections, ${runs[0]?.seconds ?? 5} s per measurement, on the 2-core build machine. "Uncached" requests send \`Cache-Control: no-cache\` so the response cache is bypassed. Both servers are warmed up for a few seconds before anything is measured. The sizes of one database run side by side and are measured in turns, scenario by scenario, so the growth from 10k to 100k compares figures taken seconds apart, not minutes apart on a machine whose load changes.`,
  '',
  "The list and slug reads, REST and GraphQL, are answered from the delivery store (docs/api.md): each published article's public JSON, rendered by Payload when it changes (a GraphQL query text after its first answer matched Payload's; the warm-up sends it first). The row \"Payload's handler alone, no store\" serves the same list through Payload's REST handler on a bare Node server, without Express, this server's layer (logging, security headers, limits, response cache) or the store: it shows what the store saves.",
  '',
  'Targets: uncached list and slug reads at least 0.25× the baseline\'s requests/s; cached reads at least 0.8×; p99 under 4× the baseline\'s; p50 growth from 10k to 100k articles at most 1.5×. Search rows (docs/search.md): at least 0.5× the baseline\'s requests/s, p99 under 4×, p50 growth at most 2×; their baseline runs the search engine\'s own full-text SQL directly (the newest 1,001 matches with their scores, on PostgreSQL by the same widening looks, then the 10 best of them) and returns the stored JSON, with no snippets.',
  '',
)
lines.push('| database | articles | scenario | CMS req/s | baseline req/s | ratio | CMS p50 / p99 ms | baseline p50 / p99 ms | p99 ratio |')
lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |')
for (const run of runs) {
  for (const [scenario, { cms, baseline }] of Object.entries(run.scenarios)) {
    lines.push(
      `| ${run.kind} | ${run.size.toLocaleString('en')} | ${scenario} | ${fmt(cms.rps, 0)} | ${fmt(baseline.rps, 0)} | ${fmt(ratio(cms.rps, baseline.rps), 2)} | ${cms.p50} / ${cms.p99} | ${baseline.p50} / ${baseline.p99} | ${fmt(ratio(cms.p99, Math.max(baseline.p99, 1)), 1)} |`,
    )
  }
}
lines.push('', '## Growth from the smallest to the largest size (CMS p50)', '')
lines.push('| database | scenario | p50 small → large ms | growth |', '| --- | --- | --- | --- |')
for (const kind of [...new Set(runs.map((run) => run.kind))]) {
  const ofKind = runs.filter((run) => run.kind === kind).sort((a, b) => a.size - b.size)
  const [small, large] = [ofKind[0], ofKind[ofKind.length - 1]]
  if (!small || !large || small === large) continue
  for (const scenario of Object.keys(small.scenarios)) {
    const a = small.scenarios[scenario]!.cms.p50
    const b = large.scenarios[scenario]!.cms.p50
    lines.push(`| ${kind} | ${scenario} | ${a} → ${b} | ${fmt(ratio(Math.max(b, 1), Math.max(a, 1)), 2)}× |`)
  }
}
const errors = runs.flatMap((run) => Object.entries(run.scenarios).filter(([, s]) => s.cms.errors + s.baseline.errors > 0).map(([name]) => `${run.kind} ${run.size} ${name}`))
if (errors.length) lines.push('', `Requests that failed or answered non-2xx/304 during: ${errors.join('; ')}.`)
lines.push('', '## Delivery store rebuild', '', 'The seed writes around the API, so each run starts with the store out of step and the server rebuilds it before serving from it.', '')
lines.push('| database | articles | rebuild s |', '| --- | --- | --- |')
for (const run of runs) lines.push(`| ${run.kind} | ${run.size.toLocaleString('en')} | ${fmt(run.storeRebuildSeconds)} |`)
lines.push('', '## Search index build', '', 'A rebuild of the search index alone from the delivery store (`npm run search:rebuild`), after the store\'s own rebuild (which fills the index as it goes, and is in the figures above). Both editions: two entries per article. Target: under 60 s at 100k articles.', '')
lines.push('| database | articles | entries | build s |', '| --- | --- | --- | --- |')
for (const run of runs) lines.push(`| ${run.kind} | ${run.size.toLocaleString('en')} | ${run.searchEntries.toLocaleString('en')} | ${fmt(run.searchBuildSeconds)} |`)
lines.push('', `Run at ${new Date().toISOString()} on Node ${process.version}.`, '')

const report = lines.join('\n')
const reportFile = path.join(root, 'docs/benchmarks.md')
const only = process.env.BENCH_SCENARIOS
fs.writeFileSync(reportFile, only && fs.existsSync(reportFile) ? mergedReport(fs.readFileSync(reportFile, 'utf8'), report, only, new Date()) : report)
console.log(`\n${report}`)

