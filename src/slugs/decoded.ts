/**
 * A slug as its letters when it arrives percent-encoded (pasted from an address bar, or as
 * WordPress stores non-ASCII slugs: `%d8%a7…`); anything that is not valid encoding as it is.
 */
export function decodedSlug(text: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(text)) return text
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
