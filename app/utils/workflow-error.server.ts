/**
 * A refused workflow change (not found, not yours, not allowed now). Routes
 * turn it into an HTTP status with the message; the API will do the same.
 */
export class WorkflowError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}
