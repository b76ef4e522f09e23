'use client'
import { Button, toast, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

/** Sends this delivery's event again, with the same webhook-id, through the durable queue. */
export const RedeliverButton: React.FC = () => {
  const { id } = useDocumentInfo()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  if (!id) return null

  const redeliver = async () => {
    setBusy(true)
    const response = await fetch(`/api/webhook-deliveries/${id}/redeliver`, { method: 'POST', credentials: 'include' })
    setBusy(false)
    const result = await response.json().catch(() => ({}))
    if (!response.ok) {
      toast.error(result?.errors?.[0]?.message ?? 'Redelivery was refused.')
      return
    }
    toast.success('Redelivery queued.')
    router.refresh()
  }

  return (
    <div data-testid="redeliver" style={{ marginBottom: 'var(--base)' }}>
      <Button buttonStyle="secondary" disabled={busy} onClick={redeliver} size="small">
        Redeliver
      </Button>
    </div>
  )
}
