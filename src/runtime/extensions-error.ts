/**
 * The server's extensions cannot be applied (an unknown tool in the overrides,
 * a clashing or invalid name, a bad schema). Thrown at start-up, before any
 * client connects: a typo in `src/extend.ts` must not pass silently.
 */
import { OpenapiMcpError, RuntimeErrorCode } from './errors.js';

/** Reported like every start failure: one line with its code, exit 1, no stack. */
export class ExtensionsError extends OpenapiMcpError<typeof RuntimeErrorCode.EXTENSIONS_INVALID> {
  constructor(message: string) {
    super(RuntimeErrorCode.EXTENSIONS_INVALID, message);
  }
}
