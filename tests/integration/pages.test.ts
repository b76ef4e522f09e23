import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { sampleBody } from '../helpers/content'
import { startCms } from '../helpers/cms'
import { api, graphql } from '../helpers/http'
import { createDesk } from '../helpers/staff'

let cms: TestCms
let desk: Record<'admin' | 'editor' | 'author', StaffMember>
beforeAll(async () => {
  cms = await startCms()
  desk = await createDesk(cms.payload, cms.baseUrl, ['editor', 'author'])
})
afterAll(async () => {
  await cms?.close()
})

describe('pages (About, Contact, Masthead)', () => {
  test('editors write and publish them; readers get published pages only, cached like articles', async () => {
    const draft = await api(cms.baseUrl, '/api/pages?draft=true', { method: 'POST', token: desk.editor.token, body: { title: 'من نحن', body: sampleBody } })
    expect(draft).toMatchObject({ status: 201, body: { doc: { slug: 'من-نحن', _status: 'draft' } } })
    expect((await api(cms.baseUrl, '/api/pages')).body.docs).toEqual([])
    expect((await api(cms.baseUrl, `/api/pages/${draft.body.doc.id}`)).status).toBe(404)

    const published = await api(cms.baseUrl, `/api/pages/${draft.body.doc.id}`, { method: 'PATCH', token: desk.editor.token, body: { _status: 'published' } })
    expect(published.status).toBe(200)
    const list = await api(cms.baseUrl, `/api/pages?where[slug][equals]=${encodeURIComponent('من-نحن')}`)
    expect(list.body.docs.map((page: { title: string }) => page.title)).toEqual(['من نحن'])
    expect(list.headers.get('cache-control')).toMatch(/public/)
    expect(list.headers.get('surrogate-key')).toContain(`pages:${draft.body.doc.id}`)
    const viaGraphql = await graphql(cms.baseUrl, '{ Pages { docs { title slug } } }')
    expect(viaGraphql.body.data.Pages.docs).toEqual([{ title: 'من نحن', slug: 'من-نحن' }])

    // An edit saved as a draft does not reach readers until it is published.
    await api(cms.baseUrl, `/api/pages/${draft.body.doc.id}?draft=true`, { method: 'PATCH', token: desk.editor.token, body: { title: 'Unpublished retitle' } })
    expect((await api(cms.baseUrl, `/api/pages/${draft.body.doc.id}`)).body.title).toBe('من نحن')
    expect(JSON.stringify((await api(cms.baseUrl, '/api/pages?draft=true')).body)).not.toContain('Unpublished retitle')
  })

  test('writers and readers cannot write pages; a page slug follows the slug rule and collisions get -2', async () => {
    expect((await api(cms.baseUrl, '/api/pages', { method: 'POST', token: desk.author.token, body: { title: 'Masthead', body: sampleBody } })).status).toBe(403)
    expect((await api(cms.baseUrl, '/api/pages', { method: 'POST', body: { title: 'Masthead', body: sampleBody } })).status).toBe(403)
    const first = await api(cms.baseUrl, '/api/pages?draft=true', { method: 'POST', token: desk.editor.token, body: { title: 'Masthead', body: sampleBody } })
    const second = await api(cms.baseUrl, '/api/pages?draft=true', { method: 'POST', token: desk.editor.token, body: { title: 'Masthead', body: sampleBody } })
    expect([first.body.doc.slug, second.body.doc.slug]).toEqual(['masthead', 'masthead-2'])
    // Only the importer writes where a page came from.
    const forged = await api(cms.baseUrl, `/api/pages/${first.body.doc.id}?draft=true`, { method: 'PATCH', token: desk.editor.token, body: { importSource: 'wordpress:https://x#1' } })
    expect(forged.status).toBeLessThan(500)
    expect((await cms.payload.findByID({ collection: 'pages', id: first.body.doc.id, draft: true, overrideAccess: true })).importSource ?? null).toBeNull()
  })
})
