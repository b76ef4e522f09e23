'use client'
import { useSearchParams } from 'next/navigation'
import React, { useEffect, useState } from 'react'

const STATUSES = ['pending', 'approved', 'spam', 'trash'] as const

/**
 * Above the comments list: one link per moderation status with its count, so the moderation
 * queue is one click away. Select rows and use the list's Edit to change many at once.
 */
export const StatusTabs: React.FC = () => {
  const params = useSearchParams()
  const current = params.get('where[status][equals]')
  const [counts, setCounts] = useState<Record<string, number>>({})

  useEffect(() => {
    let cancelled = false
    void Promise.all(
      STATUSES.map(async (status) => {
        const response = await fetch(`/api/comments?where[status][equals]=${status}&limit=0&depth=0`, { credentials: 'include' })
        const body = (await response.json().catch(() => ({}))) as { totalDocs?: number }
        return [status, body.totalDocs ?? 0] as const
      }),
    ).then((entries) => {
      if (!cancelled) setCounts(Object.fromEntries(entries))
    })
    return () => {
      cancelled = true
    }
  }, [])

  return (
    <nav aria-label="Moderation status" data-testid="comment-status-tabs" style={{ display: 'flex', gap: 'var(--base)', marginBottom: 'var(--base)' }}>
      <a href="?" style={{ fontWeight: current ? 'normal' : 'bold' }}>
        All
      </a>
      {STATUSES.map((status) => (
        <a key={status} href={`?where[status][equals]=${status}`} style={{ fontWeight: current === status ? 'bold' : 'normal' }}>
          {status} ({counts[status] ?? '…'})
        </a>
      ))}
    </nav>
  )
}
