import { deskOrCreditedWriter } from './deskOrCreditedWriter'

/** Editors and admins moderate every comment; writers the comments on articles that credit them. */
export const moderatorsOfComments = deskOrCreditedWriter('article.authors')
