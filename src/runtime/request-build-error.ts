/**
 * Why a request could not be built from a tool's arguments. The tool caller
 * turns it into an `isError` result, so its message is written for the model.
 */
import { OpenapiMcpError, RuntimeErrorCode } from './errors.js';

export class RequestBuildError extends OpenapiMcpError<typeof RuntimeErrorCode.REQUEST_BUILD> {
  /** The tool argument at fault, when one is. */
  readonly argument: string | undefined;

  constructor(message: string, argument?: string) {
    super(RuntimeErrorCode.REQUEST_BUILD, message);
    this.argument = argument;
  }
}
