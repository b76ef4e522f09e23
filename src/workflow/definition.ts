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

/**
 * A writer's edit of an approved article sends it back to review: what the editor approved is no
 * longer what would be published. Recorded as a `submit` from Approved to In review. The desk's
 * own edits (they are the reviewers) keep it approved; so does trusted server code.
 */
export const EDIT_AFTER_APPROVAL = {
  from: 'approved',
  to: 'in_review',
  transition: 'submit',
  note: 'Edited after approval: back in review.',
  keptBy: DESK,
} as const

/** The stage an edit that asks for no step leaves an article of stage `current` in. */
export function stageAfterEdit(current: Stage, role: Role | undefined): Stage {
  if (current === EDIT_AFTER_APPROVAL.from && role !== undefined && !(EDIT_AFTER_APPROVAL.keptBy as readonly Role[]).includes(role)) return EDIT_AFTER_APPROVAL.to
  return current
}

/** The transitions a role may take from a stage: exactly the buttons the admin offers. */
export const transitionsFor = (from: Stage, role: Role | undefined): Transition[] =>
  TRANSITIONS.filter((transition) => transition.from.includes(from) && role !== undefined && transition.roles.includes(role))

export const isStage = (value: unknown): value is Stage => typeof value === 'string' && (STAGES as readonly string[]).includes(value)

/**
 * Restoring an earlier version of an article (Payload's "Restore this version" / "Restore as
 * draft": POST /api/articles/versions/:id[?draft=true], GraphQL restoreVersionArticle, the Local
 * API's restoreVersion). A restore is a workflow step like any other: recorded in the history as
 * `restore` with the stages it went from and to, announced to subscribers, and it changes what is
 * live only for someone who may publish.
 */
export const VERSION_RESTORE = {
  /** The step name written to the history and sent to subscribers. */
  transition: 'restore',
  label: 'Restore a version',
  /** May restore a version as a new draft revision (the live version stays up); writers only on articles that credit them. */
  asDraftRoles: EVERYONE,
  /** May put a version that was live back live (replacing the live version, or re-publishing an unpublished article). */
  liveRoles: DESK,
} as const

export type RestorePlan =
  | { allowed: true; to: Stage; goesLive: boolean }
  | { allowed: false; status: 400 | 403; reason: string }

/**
 * What restoring a version does, or why it is refused. `asDraft` is Payload's `draft` argument
 * (restore into a new draft only); without it Payload overwrites the article itself with the
 * version, including its publication status.
 */
export function planRestore({ role, asDraft, versionWasLive, articleIsLive }: { role: Role | undefined; asDraft: boolean; versionWasLive: boolean; articleIsLive: boolean }): RestorePlan {
  const mayRestore = role !== undefined && (VERSION_RESTORE.asDraftRoles as readonly Role[]).includes(role)
  const mayGoLive = role !== undefined && (VERSION_RESTORE.liveRoles as readonly Role[]).includes(role)
  if (!mayRestore) return { allowed: false, status: 403, reason: `your role (${role ?? 'none'}) may not restore versions.` }
  // A new draft revision: the live version (if any) stays up; the revision goes through review.
  if (asDraft) return { allowed: true, to: 'draft', goesLive: false }
  if (versionWasLive) {
    if (mayGoLive) return { allowed: true, to: 'published', goesLive: true }
    return {
      allowed: false,
      status: 403,
      reason:
        'this version was live, and restoring it as the article would publish it; only editors and admins change what is live. Restore it as a draft instead (?draft=true, "Restore as draft" in the admin): the draft then goes through review.',
    }
  }
  if (articleIsLive) {
    return {
      allowed: false,
      status: 400,
      reason:
        'this version is a draft and the article is live: restoring it as the article would take the live article down. Restore it as a draft instead (?draft=true) to start a revision while the live version stays up; to take the article down, use Unpublish.',
    }
  }
  return { allowed: true, to: 'draft', goesLive: false }
}

/** One line for the admin: what this role may do with the Versions tab. */
export function restoreHint(role: Role | undefined): string | undefined {
  if (role === undefined || !(VERSION_RESTORE.asDraftRoles as readonly Role[]).includes(role)) return undefined
  return (VERSION_RESTORE.liveRoles as readonly Role[]).includes(role)
    ? 'Versions: restoring a version that was live puts it back live; restore other versions "as draft".'
    : 'Versions: restore earlier versions "as draft"; the draft then goes through review.'
}
