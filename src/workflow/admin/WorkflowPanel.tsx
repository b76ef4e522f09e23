'use client'
import { Button, toast, useAuth, useDocumentInfo, useFormFields, useLocale } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import type { Role } from '../../access/roles'
import type { Stage } from '../definition'

import { isStage, restoreHint, STAGE_LABELS, transitionsFor } from '../definition'

/**
 * The stage of the edition being edited (the admin's locale) and exactly the workflow steps the
 * signed-in user may take from it: each edition moves through the workflow on its own.
 */
export const WorkflowPanel: React.FC = () => {
  const { user } = useAuth<{ role?: Role }>()
  const { id } = useDocumentInfo()
  const locale = useLocale()
  const stageField = useFormFields(([fields]) => fields.stage)
  const router = useRouter()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const stage: Stage = isStage(stageField?.value) ? stageField.value : 'draft'
  const transitions = id ? transitionsFor(stage, user?.role) : []
  const localeLabel = typeof locale.label === 'string' ? locale.label : (locale.label?.en ?? locale.code)

  const take = async (to: Stage, noteRequired?: boolean) => {
    if (noteRequired && !note.trim()) {
      toast.error('Write a note for the writer first.')
      return
    }
    setBusy(true)
    const response = await fetch(`/api/articles/${id}?draft=true&locale=${encodeURIComponent(locale.code)}`, {
      method: 'PATCH',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stage: to, workflowNote: note || undefined }),
    })
    setBusy(false)
    const result = await response.json().catch(() => ({}))
    if (!response.ok) {
      toast.error(result?.errors?.[0]?.message ?? 'The step was refused.')
      return
    }
    setNote('')
    toast.success(`Moved to ${STAGE_LABELS[to]}.`)
    router.refresh()
  }

  return (
    <div className="workflow-panel" data-testid="workflow-panel" style={{ marginBottom: 'var(--base)' }}>
      <p style={{ margin: 0 }}>
        Stage{localeLabel ? ` (${localeLabel})` : ''}: <strong data-testid="workflow-stage">{STAGE_LABELS[stage]}</strong>
      </p>
      {!id && <p style={{ margin: 0 }}>Save the article to start its review.</p>}
      {id && restoreHint(user?.role) && <p style={{ margin: 0, opacity: 0.7, fontSize: 'smaller' }}>{restoreHint(user?.role)}</p>}
      {transitions.some((t) => t.noteRequired) && (
        <textarea
          aria-label="Note for the writer"
          placeholder="Note for the writer (required to request changes)"
          rows={3}
          style={{ width: '100%', marginTop: 'calc(var(--base) / 2)' }}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 'calc(var(--base) / 2)', marginTop: 'calc(var(--base) / 2)' }}>
        {transitions.map((transition) => (
          <Button
            key={transition.name}
            buttonStyle={transition.to === 'published' ? 'primary' : 'secondary'}
            disabled={busy}
            margin={false}
            size="small"
            onClick={() => take(transition.to, transition.noteRequired)}
          >
            {transition.label}
          </Button>
        ))}
      </div>
    </div>
  )
}
