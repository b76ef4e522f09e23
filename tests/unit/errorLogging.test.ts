import { jest } from '@jest/globals'
import { APIError, Forbidden } from 'payload'

import { clientErrorLoggingLevels, logServerErrors } from '../../src/errors/logging'

const requestWith = (error: jest.Mock) => ({ payload: { logger: { error } } }) as never

describe('error logging', () => {
  test('refusals (4xx) are logged at info, not as faults', () => {
    expect(clientErrorLoggingLevels).toMatchObject({ APIError: 'info', GraphQLError: 'info' })
  })

  test('a quieted error type that answers 5xx is still logged at error', () => {
    const error = jest.fn()
    logServerErrors({ error: new APIError('boom', 500), req: requestWith(error), context: {} })
    expect(error).toHaveBeenCalledTimes(1)
  })

  test('a 4xx APIError or a GraphQL error with a 4xx status is not logged again', () => {
    const error = jest.fn()
    logServerErrors({ error: new APIError('nope', 403), req: requestWith(error), context: {} })
    const graphqlError = Object.assign(new Error('nope'), { name: 'GraphQLError' })
    logServerErrors({ error: graphqlError, graphqlResult: { message: 'nope', extensions: { statusCode: 400 } }, req: requestWith(error), context: {} })
    expect(error).not.toHaveBeenCalled()
  })

  test('a GraphQL error answering 500 is logged at error; types Payload already logs as errors are left alone', () => {
    const error = jest.fn()
    const graphqlError = Object.assign(new Error('db down'), { name: 'GraphQLError' })
    logServerErrors({ error: graphqlError, graphqlResult: { message: 'x', extensions: { statusCode: 500 } }, req: requestWith(error), context: {} })
    logServerErrors({ error: new Error('plain fault'), req: requestWith(error), context: {} })
    logServerErrors({ error: new Forbidden(), req: requestWith(error), context: {} })
    expect(error).toHaveBeenCalledTimes(1)
  })
})
