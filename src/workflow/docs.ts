import type { Role } from '../access/roles'

import { ROLES } from '../access/roles'
import { EDIT_AFTER_APPROVAL, STAGE_LABELS, STAGES, TRANSITIONS, VERSION_RESTORE } from './definition'

const roleList = (roles: readonly Role[]) => ROLES.filter((role) => roles.includes(role)).join(', ')

/** docs/workflow.md, rendered from the workflow definition (npm run docs:workflow). */
export function renderWorkflowDoc(): string {
  const diagram = [
    'stateDiagram-v2',
    '    [*] --> draft',
    ...STAGES.map((stage) => `    ${stage}: ${STAGE_LABELS[stage]}`),
    ...TRANSITIONS.flatMap((t) => t.from.map((from) => `    ${from} --> ${t.to}: ${t.label}`)),
  ].join('\n')

  const transitionRows = TRANSITIONS.map(
    (t) =>
      `| ${t.label} (\`${t.name}\`) | ${t.from.map((s) => STAGE_LABELS[s]).join(', ')} | ${STAGE_LABELS[t.to]} | ${roleList(t.roles)} | ${t.noteRequired ? 'required' : 'optional'} |`,
  )
  const roleRows = ROLES.map((role) => {
    const steps = TRANSITIONS.filter((t) => t.roles.includes(role)).map((t) => t.label)
    return `| ${role} | ${steps.join(', ')} |`
  })

  return `<!-- Generated from src/workflow/definition.ts by \`npm run docs:workflow\`; a test fails when it is stale. -->
# Editorial workflow

Every article moves through these stages. Only **Published** is live (Payload's \`_status: "published"\`);
every other stage is a draft. The rules are enforced on the server for every write, whatever the
route: REST, GraphQL, the Local API without \`overrideAccess\`, autosave and scheduled jobs.

\`\`\`mermaid
${diagram}
\`\`\`

## Steps

| step | from | to | who may take it | note for the writer |
| --- | --- | --- | --- | --- |
${transitionRows.join('\n')}

Authors and contributors only ever act on articles that credit their byline (an article they
create credits them automatically).

## By role

| role | steps |
| --- | --- |
${roleRows.join('\n')}

Editors and admins may also **schedule** publishing or unpublishing (below), and assign a reviewer
(\`assignee\`) and a \`dueDate\`. Nobody, editors included, can publish an article that has not been
approved: there is no step from any other stage to Published.

## Taking a step

Send the stage you want, with a note when one is needed:

\`\`\`sh
# REST
curl -X PATCH 'http://127.0.0.1:3000/api/articles/42?draft=true' \\
  -H "Authorization: JWT $TOKEN" -H 'content-type: application/json' \\
  -d '{"stage": "changes_requested", "workflowNote": "Please source the second paragraph."}'

# GraphQL
mutation { updateArticle(id: 42, draft: true, data: { stage: approved }) { stage } }
\`\`\`

Payload's own controls map onto the same steps: its **Publish** button (or any write with
\`_status: "published"\`) is the *Publish* step, and its **Unpublish** (a write with
\`_status: "draft"\` that is not a draft save) is *Unpublish*. A refused step answers 400 (no
such step, missing note, autosave) or 403 (not your role), with a message naming the current
stage, the attempted one and the steps you may take:

\`\`\`json
{"errors":[{"message":"Cannot move this article from \\"In review\\" to \\"Published\\": the workflow has no such step. Allowed from \\"In review\\": Withdraw from review (→ Draft), Request changes (→ Changes requested), Approve (→ Approved), Archive (→ Archived (unpublished))."}]}
\`\`\`

## Editing a live article

Any edit of a published article is saved as a new draft revision (stage Draft, recorded in the
history as "Revision of the live article started"); the live version stays up, untouched, until
the revision has been submitted, approved and published. This holds even for a write that does
not ask for a draft save.

## Editing an approved article

An edit of an approved article by a writer (${roleList(ROLES.filter((role) => !(EDIT_AFTER_APPROVAL.keptBy as readonly Role[]).includes(role)))}) sends it back
to ${STAGE_LABELS[EDIT_AFTER_APPROVAL.to]}, recorded as \`${EDIT_AFTER_APPROVAL.transition}\` with the note "${EDIT_AFTER_APPROVAL.note}":
what the editor approved is no longer what would be published. Edits by the reviewers
(${roleList(EDIT_AFTER_APPROVAL.keptBy)}) keep it approved.

## Fields only editors set

- \`publishedAt\`: editors and admins set (or backdate) it; anyone else's value is dropped, and the
  workflow stamps the time of the first publish when it is empty.
- The \`slug\` of an article that is live or has been published (it has a publication date or a
  published version) is its public address: only editors and admins change it. A writer's change
  is refused with 403 at the save that makes it; sending the same slug back is fine.
- \`createdAt\` and \`updatedAt\` are always the server's time: values sent by any API caller are dropped.

## Restoring a version

Payload keeps earlier versions of every article (the admin's Versions tab, \`GET /api/articles/versions\`).
Restoring one (\`POST /api/articles/versions/:id\`, GraphQL \`restoreVersionArticle\`, the Local API's
\`restoreVersion\`) is a workflow step, recorded in the history as \`${VERSION_RESTORE.transition}\` with the
stages it went from and to, and announced to subscribers like every other step:

| restore | who may | result |
| --- | --- | --- |
| as a draft (\`?draft=true\`, GraphQL \`draft: true\`, the admin's "Restore as draft") | ${roleList(VERSION_RESTORE.asDraftRoles)} | a new draft revision (stage Draft) with the version's content; the live version, if any, stays up until the revision has been reviewed and published |
| a version that was live, as the article | ${roleList(VERSION_RESTORE.liveRoles)} | the version goes live (stage Published): it replaces the live version, or re-publishes an unpublished article; subscribers get \`article.updated\` or \`article.published\`, caches and the delivery store follow |
| a draft version, as the article, over a live article | nobody (400) | would take the live article down: restore it as a draft instead, or Unpublish |
| a draft version, as the article, when nothing is live | ${roleList(VERSION_RESTORE.asDraftRoles)} | stage Draft |

Writers restore only versions of articles that credit them, never into what is live (403, with a
message saying to restore as a draft), and the stage always comes from this rule, never from the
restored version (restoring an old "Approved" version does not skip review). A refused restore
changes nothing. Payload's admin offers "Restore as draft" only for versions that were live; to
restore a draft version while the article is live, use the API with \`?draft=true\`.

## Scheduling

Editors schedule an approved article for publishing, or a live one for unpublishing:

\`\`\`sh
curl -X POST http://127.0.0.1:3000/api/articles/42/schedule -H "Authorization: JWT $TOKEN" \\
  -H 'content-type: application/json' -d '{"action": "publish", "at": "2026-12-01T06:00:00Z"}'
\`\`\`

This queues Payload's durable \`schedulePublish\` job (stored in the database, so it survives
restarts; the server runs due jobs every minute). The job acts as the editor who scheduled it and
goes through the same rules: if the article was sent back for changes in the meantime, it is not
published. Payload's "Schedule publish" in the admin's publish menu queues the same job.

## History

Every step is recorded in the \`article-history\` collection (who, when, from, to, the step and
the note). Staff read it on the article (the History field in the admin, or \`history\` in the
API) and under Workflow → Workflow history; nobody can create, change or delete entries through
the API, and anonymous readers cannot read them at all. The stage, assignee, due date and notes
are never in public responses.

## Events

Every step is announced to subscribers in one place, \`src/workflow/events.ts\`:

\`\`\`ts
import { onWorkflowTransition } from './src/workflow/events'

onWorkflowTransition(async (event, req) => {
  // event: { articleId, transition, from, to, note, actorId, at }
  // Runs inside the transaction that made the change: work queued with \`req\` commits or rolls back with it.
})
\`\`\`

A subscriber that throws rolls the step back.
`
}
