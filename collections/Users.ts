import type { CollectionBeforeChangeHook, CollectionConfig, PayloadRequest } from 'payload'

import { adminsOrSelf } from '../src/access/adminsOrSelf'
import { authenticated } from '../src/access/authenticated'
import { isAdmin, isAdminField } from '../src/access/isAdmin'
import { ROLES } from '../src/access/roles'
import { clearSignInFailures, throttleSignIn } from '../src/auth/signInThrottle'
import { forgotPasswordOutsideTransaction } from '../src/email/forgotPasswordOutsideTransaction'
import { refuseResetWhenMailIsOff } from '../src/email/mailOff'

/** The very first account (the create-first-user screen) becomes an admin; later ones default to contributor. */
const firstUserIsAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: 'users', overrideAccess: true, req })
  if (totalDocs === 0) return { ...data, role: 'admin' }
  return data
}

export const Users: CollectionConfig = {
  slug: 'users',
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['name', 'email', 'role'],
    group: 'Settings',
  },
  auth: {
    // No hard lockout anyone could trigger: wrong passwords earn growing delays (src/auth/signInThrottle.ts).
    maxLoginAttempts: 0,
    tokenExpiration: 60 * 60 * 8,
    cookies: {
      sameSite: 'Lax',
      secure: process.env.NODE_ENV === 'production',
    },
  },
  access: {
    // Only admins manage accounts; everyone may update their own (minus the role). Staff see
    // their colleagues (to assign a reviewer, to read who took a workflow step); the public never.
    admin: ({ req }) => Boolean(req.user),
    create: isAdmin,
    read: authenticated,
    update: adminsOrSelf,
    delete: isAdmin,
    unlock: isAdmin,
  },
  hooks: {
    beforeChange: [firstUserIsAdmin],
    // Password reset: refused when mail is off; otherwise run outside a transaction (see the module).
    beforeOperation: [throttleSignIn, refuseResetWhenMailIsOff, forgotPasswordOutsideTransaction],
    afterLogin: [clearSignInFailures],
  },
  fields: [
    { name: 'name', type: 'text' },
    {
      name: 'role',
      type: 'select',
      required: true,
      // The create-first-user screen shows (and the hook enforces) admin for the very first account.
      defaultValue: async ({ req }: { req: PayloadRequest }) =>
        (await req.payload.count({ collection: 'users', overrideAccess: true, req })).totalDocs === 0 ? 'admin' : 'contributor',
      saveToJWT: true,
      index: true,
      options: ROLES.map((role) => ({ label: role[0]!.toUpperCase() + role.slice(1), value: role })),
      access: {
        // Nobody promotes themselves: only admins set roles (the first user is made admin by the hook).
        create: isAdminField,
        update: isAdminField,
      },
      admin: { position: 'sidebar' },
    },
  ],
  timestamps: true,
}
