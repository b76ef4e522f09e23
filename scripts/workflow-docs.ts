/** Writes docs/workflow.md from the workflow definition. */
import fs from 'node:fs'

import { renderWorkflowDoc } from '../src/workflow/docs'

fs.mkdirSync('docs', { recursive: true })
fs.writeFileSync('docs/workflow.md', renderWorkflowDoc())
console.log('docs/workflow.md written')
