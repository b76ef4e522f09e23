/**
 * Webhook delivery benchmark: `npm run bench:webhooks [-- N]`.
 *
 * Publishes N articles through the editorial workflow (Local API, as an editor) with a webhook
 * endpoint subscribed to article.published, lets the server's own webhook runner (as in
 * production with RUN_JOBS=true) deliver them to a receiver on 127.0.0.1 that verifies every signature
 * with the `standardwebhooks` library, and reports latency from the publish's commit to receipt
 * (p50, p99) and deliveries per second.
 *
 * Baseline, in the same process and to the same receiver: the same N signed events POSTed
 * directly with the same sender, 20 at a time, without the queue.
 * The ratios show what durability (outbox row + job + delivery log) costs.
 * DATABASE_URL picks the database (default: a fresh SQLite file in a temp folder).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

const count = Number(process.argv[2] ?? process.env.BENCH_N ?? 200)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'))
process.env.DATABASE_URL ??= `file:${path.join(dir, 'bench.db')}`
process.env.PAYLOAD_SECRET ??= 'bench-secret'
process.env.SEED_DEMO = 'false'
process.env.RUN_JOBS = 'true'
process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'
process.env.LOG_LEVEL ??= 'warn'

const { startReceiver } = await import('../tests/helpers/receiver')
const { lexicalFromParagraphs } = await import('../src/richtext/paragraphs')
const { sendWebhook } = await import('../src/webhooks/send')
const { default: config } = await import('../payload.config')
const { getPayload } = await import('payload')
const { closeDatabase } = await import('../src/db/connection')
const { startBackgroundJobs } = await import('../src/jobs/background')
const { readEnv } = await import('../src/env')

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}
const waitUntil = async (done: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > deadline) throw new Error('deliveries did not all arrive in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
type Figures = { p50: number; p99: number; perSecond: number }
const summarise = (latencies: number[], elapsedMs: number): Figures => ({
  p50: percentile(latencies, 50),
  p99: percentile(latencies, 99),
  perSecond: (latencies.length / elapsedMs) * 1000,
})

const receiver = await startReceiver()
const payload = await getPayload({ config, cron: true })
// As the server does with RUN_JOBS=true: the continuous webhook runner.
const stopBackgroundJobs = startBackgroundJobs(payload, readEnv())
try {
  const editor = await payload.create({
    collection: 'users',
    data: { email: 'bench-editor@newsroom.test', password: 'a long enough password', role: 'editor' } as never,
    overrideAccess: true,
  })
  const hook = await payload.create({
    collection: 'webhooks',
    data: { name: 'bench', url: receiver.url, events: ['article.published'] } as never,
    overrideAccess: true,
  })
  receiver.setSecrets([hook.secret as string])

  // Articles wait at "approved", so the timed step is the publish itself.
  const approvedArticles = async (n: number, label: string) => {
    const ids: number[] = []
    for (let i = 0; i < n; i++) {
      const article = await payload.create({
        collection: 'articles',
        data: { title: `Bench ${label} ${i}`, body: lexicalFromParagraphs(['Text.']) } as never,
        draft: true,
        overrideAccess: true,
      })
      for (const stage of ['in_review', 'approved']) {
        await payload.update({ collection: 'articles', id: article.id, data: { stage } as never, draft: true, overrideAccess: false, user: editor })
      }
      ids.push(article.id as number)
    }
    return ids
  }
  const offset = Date.now() - performance.now()
  const receivedAt = (r: (typeof receiver.received)[number]) => r.receivedAt - offset

  /** Publishes the articles (waiting for each delivery first when `oneAtATime`); commit→receipt figures. */
  const publishAndMeasure = async (ids: number[], oneAtATime: boolean) => {
    receiver.clear()
    const committedAt = new Map<number, number>()
    const start = performance.now()
    for (const id of ids) {
      await payload.update({ collection: 'articles', id, data: { stage: 'published' } as never, draft: true, overrideAccess: false, user: editor })
      committedAt.set(id, performance.now())
      if (oneAtATime) await waitUntil(() => receiver.received.length >= committedAt.size, 30_000)
    }
    const publishMs = performance.now() - start
    await waitUntil(() => receiver.received.length >= ids.length, 60_000 + ids.length * 200)
    const latencies = receiver.received.map((r) => receivedAt(r) - committedAt.get(r.event.data.article.id)!)
    const lastReceipt = Math.max(...receiver.received.map(receivedAt))
    return { figures: summarise(latencies, lastReceipt - start), publishPerSecond: (ids.length / publishMs) * 1000 }
  }

  const quietCount = Math.min(count, 50)
  const quiet = await publishAndMeasure(await approvedArticles(quietCount, 'quiet'), true)
  const burstIds = await approvedArticles(count, 'burst')
  const burst = await publishAndMeasure(burstIds, false)
  const received = [...receiver.received]
  const unverified = received.filter((r) => r.verifiedWith.length !== 1).length
  const duplicates = received.length - new Set(received.map((r) => r.id)).size

  // Baseline: the same signed events straight to the receiver, 20 in flight.
  const bodies = received.map((r) => ({ id: `${r.id}_direct`, body: r.body }))
  receiver.clear()
  const baselineLatencies: number[] = []
  const baselineStart = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < bodies.length) {
        const message = bodies[next++]!
        const sentAt = performance.now()
        await sendWebhook(receiver.url, [hook.secret as string], { ...message, timestamp: new Date() }, { allowedHosts: ['127.0.0.1'], timeoutMs: 10_000 })
        baselineLatencies.push(performance.now() - sentAt)
      }
    }),
  )
  const baseline = summarise(baselineLatencies, performance.now() - baselineStart)

  const row = (name: string, f: Figures) =>
    `${name.padEnd(44)} p50 ${f.p50.toFixed(1).padStart(8)} ms   p99 ${f.p99.toFixed(1).padStart(8)} ms   ${f.perSecond.toFixed(1).padStart(8)} deliveries/s`
  const ratios = (f: Figures, withThroughput = true) =>
    `${''.padEnd(44)} vs baseline: p50 ${(f.p50 / baseline.p50).toFixed(1)}x, p99 ${(f.p99 / baseline.p99).toFixed(1)}x` +
    (withThroughput ? `, throughput ${(f.perSecond / baseline.perSecond).toFixed(2)}x` : ' (paced by the publisher: throughput not comparable)')
  console.log(`\nWebhook delivery, ${payload.db.name} database: commit of the publish → receipt by a verifying receiver\n`)
  console.log(row(`one publish at a time (${quietCount})`, quiet.figures))
  console.log(ratios(quiet.figures, false))
  console.log(row(`burst of ${count} back-to-back publishes`, burst.figures))
  console.log(ratios(burst.figures))
  console.log(`${''.padEnd(44)} publishing ran at ${burst.publishPerSecond.toFixed(1)} articles/s`)
  console.log(row('baseline: direct signed POST, 20 in flight', baseline))
  console.log(`\nsignatures verified: ${received.length - unverified}/${received.length}   duplicate deliveries: ${duplicates}`)
  if (unverified > 0) process.exitCode = 1
} finally {
  await stopBackgroundJobs()
  await receiver.close()
  await closeDatabase(payload)
  fs.rmSync(dir, { recursive: true, force: true })
  process.exit()
}
