/** A command line the argument parser refused: unknown flag, missing argument (exit code 2). */
import { OpenapiMcpError, RuntimeErrorCode } from './errors.js';

export class UsageError extends OpenapiMcpError<typeof RuntimeErrorCode.USAGE> {
  constructor(message: string) {
    super(RuntimeErrorCode.USAGE, message);
  }
}
