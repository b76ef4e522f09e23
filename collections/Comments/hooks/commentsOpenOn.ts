import type { PayloadRequest } from 'payload'

/** Whether readers may comment on the article: open site-wide and not closed on this article. */
export async function commentsOpenOn(req: PayloadRequest, articleId: number | string): Promise<boolean> {
  const settings = await req.payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true, req })
  if (settings.commentsOpen === false) return false
  const closed = (settings.commentsClosedOn ?? []).map((article) => String(typeof article === 'object' ? article.id : article))
  return !closed.includes(String(articleId))
}
