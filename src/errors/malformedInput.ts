import type { AfterErrorHook } from 'payload'

/** JSON.parse's own failures (a broken `_payload` form field, a body that is not JSON). */
const isJsonSyntaxError = (error: unknown) => error instanceof SyntaxError && /JSON|Unexpected token|Unexpected end|Expected/.test(error.message)

/**
 * Input Payload parses itself and cannot read is the client's mistake: Payload answers a broken
 * JSON `_payload` field of a multipart upload with 500; here it is a 400 that says what to fix.
 */
export const answerMalformedInputWith400: AfterErrorHook = ({ error, graphqlResult }) => {
  // Payload's multipart reader answers a body it cannot take as a form with a 500.
  if (error?.message === 'Request is not eligible for file upload') {
    Object.assign(error, { status: 400 })
    return { status: 400, response: { errors: [{ message: 'The request body could not be read as a multipart form: send multipart/form-data with a boundary, or JSON.' }] } }
  }
  if (!isJsonSyntaxError(error)) return
  // Seen by the hooks after this one (logServerErrors) as the client's mistake it is.
  Object.assign(error, { status: 400 })
  const message = `The request could not be read: ${error.message}. Send JSON (for uploads, the "_payload" form field holds the document's fields as JSON).`
  if (graphqlResult) return { graphqlResult: { ...graphqlResult, message, extensions: { ...graphqlResult.extensions, statusCode: 400 } } }
  return { status: 400, response: { errors: [{ message }] } }
}
