import fs from 'node:fs'

import { STAGES, TRANSITIONS, transitionBetween, transitionsFor } from '../../src/workflow/definition'
import { renderWorkflowDoc } from '../../src/workflow/docs'

test('docs/workflow.md is up to date with the definition (run npm run docs:workflow)', () => {
  expect(fs.readFileSync('docs/workflow.md', 'utf8')).toBe(renderWorkflowDoc())
})

test('the definition is consistent: every step goes between two different known stages, names are unique', () => {
  const names = TRANSITIONS.map((t) => t.name)
  expect(new Set(names).size).toBe(names.length)
  for (const transition of TRANSITIONS) {
    expect(STAGES).toContain(transition.to)
    for (const from of transition.from) {
      expect(STAGES).toContain(from)
      expect(from).not.toBe(transition.to)
      // At most one step between two stages, so a requested stage names its step unambiguously.
      expect(transitionBetween(from, transition.to)).toBe(transition)
    }
  }
})

test('only approved articles can be published, and only by the desk', () => {
  const intoPublished = TRANSITIONS.filter((t) => t.to === 'published')
  expect(intoPublished.map((t) => t.from)).toEqual([['approved']])
  expect(intoPublished[0]!.roles).toEqual(['editor', 'admin'])
  expect(transitionsFor('approved', 'author').map((t) => t.name)).toEqual([])
  expect(transitionsFor('approved', 'editor').map((t) => t.name)).toEqual(['requestChanges', 'publish', 'archive'])
})
