import type { FieldAccess } from 'payload'

/** Field-level: no one through the API; only server code (overrideAccess) writes the value. */
export const nobodyField: FieldAccess = () => false
