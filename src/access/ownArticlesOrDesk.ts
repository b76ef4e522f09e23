import { deskOrCreditedWriter } from './deskOrCreditedWriter'

/** Editors and admins may change any article; writers only those that credit them. */
export const ownArticlesOrDesk = deskOrCreditedWriter('authors')
