import type { Payload, TypedUser } from 'payload'

import React from 'react'

import { STAGE_LABELS, STAGES } from '../workflow/definition'

type Props = { payload: Payload; user?: null | TypedUser }

const card: React.CSSProperties = { border: '1px solid var(--theme-elevation-150)', borderRadius: 'var(--style-radius-m)', padding: 'calc(var(--base) * 0.8)' }
const heading: React.CSSProperties = { margin: '0 0 calc(var(--base) * 0.5)', fontSize: '1rem' }
const dateOf = (value?: null | string) => (value ? new Date(value).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }) : '')

/**
 * Above the admin dashboard, for every signed-in staff member: articles by stage (each a link to
 * the filtered list), the reviews assigned to them, and the comments waiting for moderation.
 * Every query runs with the user's own access, so writers see what they may see.
 */
export async function EditorialDashboard({ payload, user }: Props) {
  if (!user) return null
  const access = { overrideAccess: false, user } as const
  const [byStage, assigned, pending] = await Promise.all([
    Promise.all(
      STAGES.map(async (stage) => {
        const { totalDocs } = await payload.find({ collection: 'articles', where: { stage: { equals: stage } }, draft: true, limit: 1, depth: 0, select: {}, ...access })
        return [stage, totalDocs] as const
      }),
    ),
    payload.find({
      collection: 'articles',
      where: { and: [{ assignee: { equals: user.id } }, { stage: { equals: 'in_review' } }] },
      draft: true,
      limit: 10,
      depth: 0,
      sort: 'dueDate',
      select: { title: true, dueDate: true },
      ...access,
    }),
    payload.find({ collection: 'comments', where: { status: { equals: 'pending' } }, limit: 5, depth: 1, sort: '-createdAt', select: { authorName: true, article: true, createdAt: true }, ...access }),
  ])

  return (
    <section aria-label="Editorial overview" data-testid="editorial-dashboard" style={{ display: 'grid', gap: 'var(--base)', gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))', marginBottom: 'calc(var(--base) * 2)' }}>
      <div style={card}>
        <h2 style={heading}>Articles by stage</h2>
        <ul data-testid="dashboard-stages" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {byStage.map(([stage, count]) => (
            <li key={stage}>
              <a href={`/admin/collections/articles?where[stage][equals]=${stage}`}>
                {STAGE_LABELS[stage]}: <strong>{count}</strong>
              </a>
            </li>
          ))}
        </ul>
      </div>
      <div style={card}>
        <h2 style={heading}>Assigned to me for review</h2>
        {assigned.docs.length === 0 ? (
          <p style={{ margin: 0 }}>Nothing waiting for you.</p>
        ) : (
          <ul data-testid="dashboard-assigned" style={{ margin: 0, paddingLeft: '1.1rem' }}>
            {assigned.docs.map((article) => (
              <li key={article.id}>
                <a href={`/admin/collections/articles/${article.id}`}>{article.title}</a>
                {article.dueDate ? ` · due ${dateOf(article.dueDate)}` : ''}
              </li>
            ))}
          </ul>
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
