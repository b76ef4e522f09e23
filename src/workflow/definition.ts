import type { Role } from '../access/roles'

/**
 * The editorial workflow, as data. Hooks, access, the admin UI and docs/workflow.md all read
 * this one definition; change the workflow here.
 */
export const STAGES = ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'archived'] as const
export type Stage = (typeof STAGES)[number]

export const STAGE_LABELS: Record<Stage, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  archived: 'Archived (unpublished)',
}

export type Transition = {
  name: string
  label: string
  from: readonly Stage[]
  to: Stage
  /** Roles that may take it. Writers (author, contributor) only ever act on articles that credit them. */
  roles: Role[]
  /** A note for the writer is required (kept in the history). */
  noteRequired?: boolean
}

const DESK: Role[] = ['editor', 'admin']
const EVERYONE: Role[] = ['contributor', 'author', 'editor', 'admin']

export const TRANSITIONS: readonly Transition[] = [
  { name: 'submit', label: 'Submit for review', from: ['draft', 'changes_requested'], to: 'in_review', roles: EVERYONE },
  { name: 'withdraw', label: 'Withdraw from review', from: ['in_review'], to: 'draft', roles: EVERYONE },
  {
    name: 'requestChanges',
    label: 'Request changes',
    from: ['in_review', 'approved'],
    to: 'changes_requested',
    roles: DESK,
    noteRequired: true,
  },
  { name: 'approve', label: 'Approve', from: ['in_review'], to: 'approved', roles: DESK },
  { name: 'publish', label: 'Publish', from: ['approved'], to: 'published', roles: DESK },
  { name: 'unpublish', label: 'Unpublish', from: ['published'], to: 'archived', roles: DESK },
  {
    name: 'archive',
    label: 'Archive',
    from: ['draft', 'in_review', 'changes_requested', 'approved'],
    to: 'archived',
    roles: DESK,
  },
  { name: 'restore', label: 'Restore to draft', from: ['archived'], to: 'draft', roles: DESK },
]

/** The transition from one stage to another, if the workflow has one. */
export const transitionBetween = (from: Stage, to: Stage): Transition | undefined =>
  TRANSITIONS.find((transition) => transition.to === to && transition.from.includes(from))

/** The transitions a role may take from a stage: exactly the buttons the admin offers. */
export const transitionsFor = (from: Stage, role: Role | undefined): Transition[] =>
  TRANSITIONS.filter((transition) => transition.from.includes(from) && role !== undefined && transition.roles.includes(role))

export const isStage = (value: unknown): value is Stage => typeof value === 'string' && (STAGES as readonly string[]).includes(value)
