/** Bad usage: unknown command or option, missing argument. The CLI exits 2. */
export class UsageError extends Error {
  readonly code = 'ERR_SYS_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
