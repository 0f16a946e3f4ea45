/**
 * Why a request could not be built from a tool's arguments. Runtime-local (the
 * runtime is vendored and cannot import `src/errors.ts`); the tool caller turns
 * it into an `isError` result, so its message is written for the model.
 */
export class RequestBuildError extends Error {
  /** The tool argument at fault, when one is. */
  readonly argument: string | undefined;

  constructor(message: string, argument?: string) {
    super(message);
    this.name = 'RequestBuildError';
    this.argument = argument;
  }
}
