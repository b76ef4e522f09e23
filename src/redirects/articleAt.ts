import type { PayloadRequest } from 'payload'

import { slugInArticlePath } from './paths'

/** Whether an article (published or not) has the slug that `path` names, so it lives there. */
export async function articleLivesAt(req: PayloadRequest, path: string): Promise<boolean> {
  const slug = slugInArticlePath(path)
  if (slug === undefined) return false
  const { totalDocs } = await req.payload.count({ collection: 'articles', where: { slug: { equals: slug } }, overrideAccess: true, req })
  return totalDocs > 0
}
