import type { FieldHook } from 'payload'

type Node = { type?: string; text?: string; direction?: 'ltr' | 'rtl' | null; children?: Node[] }

// Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko and the Arabic presentation forms.
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u
const STRONG = /[\p{L}]/u

/**
 * The direction of a text, by its first letter (Unicode's rule for a paragraph's direction,
 * UAX #9 P2–P3): an Arabic paragraph that names "Mustafa al-Kadhimi" is right to left. Undefined
 * when the text has no letter (numbers, punctuation), so the direction around it decides.
 */
export function directionOf(text: string): 'ltr' | 'rtl' | undefined {
  // Letters only: digits (Arabic-Indic ones too) and marks are weak and decide nothing.
  for (const char of text) if (STRONG.test(char)) return RTL.test(char) ? 'rtl' : 'ltr'
  return undefined
}

const textOf = (node: Node): string => node.text ?? (node.children ?? []).map(textOf).join('')

/** Sets each block's `direction` from its own text, and the root's from its first block with letters. */
export function withTextDirections<T>(state: T): T {
  const root = (state as { root?: Node } | null | undefined)?.root
  if (!root?.children) return state
  const visit = (node: Node): 'ltr' | 'rtl' | undefined => {
    if (!node.children) return undefined
    for (const child of node.children) visit(child)
    const direction = directionOf(textOf(node))
    if (direction) node.direction = direction
    return direction
  }
  for (const block of root.children) visit(block)
  const first = root.children.map((block) => block.direction).find((direction) => direction === 'ltr' || direction === 'rtl')
  if (first) root.direction = first
  return state
}

/**
 * A rich-text field's `beforeChange` hook: the stored `direction` of every paragraph, heading and
 * quote follows its text, whoever wrote it (the editor, an importer, the API), so frontends can
 * set `dir` from it. The editor decides it from the text the same way, but does not always store it.
 */
export const storeTextDirections: FieldHook = ({ value }) => withTextDirections(value)
