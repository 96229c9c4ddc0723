/** A recovery action that cannot be done as asked; `status` is the HTTP status it answers with. */
export class RecoveryError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 409,
  ) {
    super(message);
    this.name = 'RecoveryError';
  }
}
