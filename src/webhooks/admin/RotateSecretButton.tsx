'use client'
import { Button, CopyToClipboard, toast, useDocumentInfo } from '@payloadcms/ui'
import React, { useState } from 'react'

/**
 * Issues a new signing secret and shows it once. The previous secret keeps signing alongside it
 * until the overlap ends, so the receiver can switch without missing an event.
 */
export const RotateSecretButton: React.FC = () => {
  const { id } = useDocumentInfo()
  const [secret, setSecret] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return <p>The signing secret is generated when the endpoint is saved; then get it here.</p>

  const rotate = async () => {
    setBusy(true)
    const response = await fetch(`/api/webhooks/${id}/rotate-secret`, { method: 'POST', credentials: 'include' })
    setBusy(false)
    const result = await response.json().catch(() => ({}))
    if (!response.ok) {
      toast.error(result?.errors?.[0]?.message ?? 'Rotation was refused.')
      return
    }
    setSecret(result.secret)
  }

  return (
    <div data-testid="rotate-secret" style={{ marginBottom: 'var(--base)' }}>
      {secret ? (
        <>
          <p>New signing secret, shown only now. Give it to the receiver:</p>
          <code data-testid="new-secret" style={{ wordBreak: 'break-all' }}>
            {secret}
          </code>
          <CopyToClipboard value={secret} />
        </>
      ) : (
        <Button buttonStyle="secondary" disabled={busy} onClick={rotate} size="small">
          Issue a new signing secret
        </Button>
      )}
    </div>
  )
}
