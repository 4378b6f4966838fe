/** Errors of bad input and bad command lines, printed without a stack trace. */

/** An error the CLI and the action print as one line, without a stack trace. */
export class UserError extends Error {
  /** Process exit code: 1 for bad input, 2 for a command line that does not parse. */
  readonly exitCode: number = 1;
  /**
   * @param message one line naming the file and the problem
   * @param details lines printed after it (what was tried, how to change it), each one line too
   */
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** A command line that does not parse: exit code 2, as usage errors conventionally are. */
export class UsageError extends UserError {
  override readonly exitCode: number = 2;
}
