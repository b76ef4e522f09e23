import type { Payload } from 'payload'

import type { Role } from '../../src/access/roles'

import { api } from './http'

export type StaffMember = { id: number; email: string; role: Role; token: string; authorId?: number }

let counter = 0

/** Creates a staff account (with a byline for writers) and logs it in over HTTP. */
export async function createStaff(payload: Payload, baseUrl: string, role: Role, name = `${role} ${++counter}`): Promise<StaffMember> {
  const email = `${role}-${Date.now()}-${++counter}@newsroom.test`
  const password = 'correct horse battery staple'
  const user = await payload.create({
    collection: 'users',
    data: { email, password, name, role },
    overrideAccess: true,
  })
  let authorId: number | undefined
  if (role === 'author' || role === 'contributor') {
    const byline = await payload.create({
      collection: 'authors',
      data: { name, slug: `${role}-${counter}-${Date.now()}`, user: user.id },
      overrideAccess: true,
    })
    authorId = byline.id
  }
  const login = await api(baseUrl, '/api/users/login', { method: 'POST', body: { email, password } })
  if (login.status !== 200) throw new Error(`login failed for ${email}: ${JSON.stringify(login.body)}`)
  return { id: user.id, email, role, token: login.body.token, authorId }
}

/**
 * The desk for one test file: an admin first (the very first account always becomes an admin,
 * whatever role it asks for), then one member per role asked for, named `names[role]` if given.
 */
export async function createDesk<R extends Role>(payload: Payload, baseUrl: string, roles: readonly R[], names: Partial<Record<R | 'admin', string>> = {}): Promise<Record<R | 'admin', StaffMember>> {
  const desk = { admin: await createStaff(payload, baseUrl, 'admin', names.admin) } as Record<R | 'admin', StaffMember>
  for (const role of roles) if (role !== 'admin') desk[role] = await createStaff(payload, baseUrl, role, names[role])
  return desk
}
