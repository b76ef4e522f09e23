import type { Payload, TypedUser } from 'payload'

import React from 'react'

import { awaitingTranslation } from '../editions/awaitingTranslation'
import { EDITIONS } from '../editions/locales'
import { STAGE_LABELS, STAGES } from '../workflow/definition'

type Props = { payload: Payload; user?: null | TypedUser }

const card: React.CSSProperties = { border: '1px solid var(--theme-elevation-150)', borderRadius: 'var(--style-radius-m)', padding: 'calc(var(--base) * 0.8)' }
const heading: React.CSSProperties = { margin: '0 0 calc(var(--base) * 0.5)', fontSize: '1rem' }
const dateOf = (value?: null | string) => (value ? new Date(value).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }) : '')

/**
 * Above the admin dashboard, for every signed-in staff member: articles by stage and edition (each
 * a link to the filtered list), the reviews assigned to them in any edition, the live articles
 * awaiting translation into another edition, and the comments waiting for moderation.
 * Every query runs with the user's own access, so writers see what they may see.
 */
export async function EditorialDashboard({ payload, user }: Props) {
  if (!user) return null
  const access = { overrideAccess: false, user } as const
  const [byStage, assigned, awaiting, pending] = await Promise.all([
    // Each edition moves through the workflow on its own: one count per stage and edition.
    Promise.all(
      STAGES.map(async (stage) => {
        const counts = await Promise.all(
          EDITIONS.map(async ({ code }) => (await payload.find({ collection: 'articles', locale: code, where: { stage: { equals: stage } }, draft: true, limit: 1, depth: 0, select: {}, ...access })).totalDocs),
        )
        return [stage, counts] as const
      }),
    ),
    Promise.all(
      EDITIONS.map(async (edition) => {
        const { docs } = await payload.find({
          collection: 'articles',
          locale: edition.code,
          where: { and: [{ assignee: { equals: user.id } }, { stage: { equals: 'in_review' } }] },
          draft: true,
          limit: 10,
          depth: 0,
          sort: 'dueDate',
          select: { title: true, dueDate: true },
          ...access,
        })
        return docs.map((article) => ({ ...article, edition }))
      }),
    ).then((lists) => lists.flat()),
    Promise.all(EDITIONS.map(async (edition) => ({ edition, list: await awaitingTranslation(payload, edition.code, user, { limit: 5 }) }))),
    payload.find({ collection: 'comments', where: { status: { equals: 'pending' } }, limit: 5, depth: 1, sort: '-createdAt', select: { authorName: true, article: true, createdAt: true }, ...access }),
  ])

  return (
    <section aria-label="Editorial overview" data-testid="editorial-dashboard" style={{ display: 'grid', gap: 'var(--base)', gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))', marginBottom: 'calc(var(--base) * 2)' }}>
      <div style={card}>
        <h2 style={heading}>Articles by stage</h2>
        <table data-testid="dashboard-stages" style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'start' }}>Stage</th>
              {EDITIONS.map((edition) => (
                <th key={edition.code} lang={edition.code} style={{ textAlign: 'end' }}>
                  {edition.nativeLabel}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {byStage.map(([stage, counts]) => (
              <tr key={stage} data-stage={stage}>
                <td>{STAGE_LABELS[stage]}</td>
                {EDITIONS.map((edition, i) => (
                  <td key={edition.code} data-edition={edition.code} style={{ textAlign: 'end' }}>
                    <a href={`/admin/collections/articles?where[stage][equals]=${stage}&locale=${edition.code}`}>
                      <strong>{counts[i]}</strong>
                    </a>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div style={card}>
        <h2 style={heading}>Assigned to me for review</h2>
        {assigned.length === 0 ? (
          <p style={{ margin: 0 }}>Nothing waiting for you.</p>
        ) : (
          <ul data-testid="dashboard-assigned" style={{ margin: 0, paddingLeft: '1.1rem' }}>
            {assigned.map((article) => (
              <li key={`${article.edition.code}:${article.id}`}>
                <a href={`/admin/collections/articles/${article.id}?locale=${article.edition.code}`} lang={article.edition.code} dir={article.edition.dir}>
                  {article.title}
                </a>
                {` (${article.edition.label})`}
                {article.dueDate ? ` · due ${dateOf(article.dueDate)}` : ''}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div style={card} data-testid="dashboard-awaiting-translation">
        <h2 style={heading}>Awaiting translation</h2>
        {awaiting.every(({ list }) => list.totalDocs === 0) ? (
          <p style={{ margin: 0 }}>Every live article is live in every edition.</p>
        ) : (
          awaiting
            .filter(({ list }) => list.totalDocs > 0)
            .map(({ edition, list }) => (
              <div key={edition.code} data-edition={edition.code}>
                <h3 style={{ ...heading, fontSize: '0.9rem' }}>
                  Not yet in {edition.label}: {list.totalDocs}
                </h3>
                <ul style={{ margin: 0, paddingLeft: '1.1rem' }}>
                  {list.docs.map((article) => (
                    <li key={article.id}>
                      <a href={`/admin/collections/articles/${article.id}?locale=${edition.code}`}>{article.title}</a>
                      {article.stage ? ` · ${STAGE_LABELS[article.stage as keyof typeof STAGE_LABELS] ?? article.stage}` : ' · not started'}
                      {article.assignee ? '' : ' · unassigned'}
                    </li>
                  ))}
                </ul>
              </div>
            ))
        )}
      </div>
      <div style={card}>
        <h2 style={heading}>
          <a href="/admin/collections/comments?where[status][equals]=pending">Comments to moderate: {pending.totalDocs}</a>
        </h2>
        <ul data-testid="dashboard-pending-comments" style={{ margin: 0, paddingLeft: '1.1rem' }}>
          {pending.docs.map((comment) => (
            <li key={comment.id}>
              <a href={`/admin/collections/comments/${comment.id}`}>{comment.authorName}</a>
              {typeof comment.article === 'object' && comment.article ? ` on ${comment.article.title}` : ''}
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
