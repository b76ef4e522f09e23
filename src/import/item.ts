/** A reader's error in an import file: the message names the problem and how to fix it. */
export class ImportError extends Error {
  override name = 'ImportError'
}

export type ImportedComment = { authorName: string; email?: string; body: string; createdAt?: string }

/** The body as the source has it; converted to Lexical when the item is written. */
export type ImportedBody = { html: string } | { markdown: string } | { paragraphs: string[] }

/** One article read from any supported format, before it is written. */
export type ImportItem = {
  /** Where it came from, for the summary: a file, and the entry within it. */
  source: string
  /** A post becomes an article (the default); a page of the old site ("About") a page. */
  kind?: 'page' | 'post'
  /**
   * Which post of which source this is (src/import/identity.ts), stored on the article as
   * `importSource`: a re-import finds the article by it, never by its slug.
   */
  importSource: string
  /** The post's addresses on the old site (full URLs or paths): each becomes a redirect to the article. */
  oldUrls: string[]
  /** What was wrong with the entry without stopping it (an address that is no URL): the result's warnings. */
  warnings?: string[]
  title: string
  slug?: string
  bylines: string[]
  body: ImportedBody
  excerpt?: string
  tags: string[]
  publishedAt?: string
  /** Approved reader comments, attached once the article is live. */
  comments: ImportedComment[]
  /** Base for relative image paths (the file's folder). */
  baseDir?: string
  /**
   * The import identity of the post this one translates (Markdown's `translation_of`, or the
   * import command's `--translation-of`): it becomes that article's edition instead of an article
   * of its own.
   */
  translationOf?: string
}

/** An entry the file holds that is not an article (a page, an attachment, settings): skipped. */
export type SkippedEntry = { source: string; reason: string }

/** What one file yields: the articles, the entries skipped, and the entries that are broken. */
export type ParsedFile = { items: ImportItem[]; skipped: SkippedEntry[]; broken: Array<{ source: string; error: string }> }

/**
 * Reads one file of a format. `root` is the folder the file was found in when a folder was given
 * to the importer (else the file's own folder): file-based identities are paths relative to it.
 */
export type FormatParser = (text: string, file: string, root?: string) => ParsedFile
