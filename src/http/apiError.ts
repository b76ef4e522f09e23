/** An error the API answers with its own status and message (a client's mistake, not a server fault). */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError'
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
  /** Body-parser's convention, read by clientErrorHandler. */
  get expose(): boolean {
    return this.status < 500
  }
}

export const apiError = (status: number, message: string, headers?: Record<string, string>) => new ApiRequestError(status, message, headers)
