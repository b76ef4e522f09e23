import type { Access, FieldAccess } from 'payload'

import { isDeskRole } from './roles'

export const editorsAndAdmins: Access = ({ req }) => isDeskRole(req.user)

export const editorsAndAdminsField: FieldAccess = ({ req }) => isDeskRole(req.user)
