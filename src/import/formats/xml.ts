import { XMLParser, XMLValidator } from 'fast-xml-parser'

import { ImportError } from '../item'

/** Parses an export file; a malformed one is refused with the line and reason. */
export function parseXml(text: string, repeated: string[]): Record<string, any> {
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw new ImportError(`The file is not well-formed XML (line ${valid.err.line}): ${valid.err.msg}`)
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => repeated.includes(name),
  })
  return parser.parse(text)
}

/** The text of an element that may carry attributes. */
export const textOf = (node: unknown): string => {
  if (node === undefined || node === null) return ''
  if (typeof node === 'object') return textOf((node as Record<string, unknown>)['#text'])
  return String(node)
}

/** WordPress writes paragraphs as blank lines (its "autop"); wrap them so they stay paragraphs. */
export function paragraphsFromBlankLines(html: string): string {
  if (/<(p|h[1-6]|ul|ol|blockquote|div|figure)\b/i.test(html)) return html
  return html
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${block.replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n')
}

export const isoDate = (value: string): string | undefined => {
  if (!value || value.startsWith('0000')) return undefined
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** Why an exported post cannot be an article (no title, no content), or undefined when it can. */
export const whatIsMissing = (title: string, html: string): string | undefined =>
  !title ? 'The post has no title.' : !html.trim() ? `"${title}" has no content.` : undefined
