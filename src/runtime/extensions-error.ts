/**
 * The server's extensions cannot be applied (an unknown tool in the overrides,
 * a clashing or invalid name, a bad schema). Thrown at start-up, before any
 * client connects: a typo in `src/extend.ts` must not pass silently.
 */
import { ServerStartError } from './serve-http.js';

/**
 * A {@link ServerStartError}, so every entry point that reports a failed start
 * (exit 1, one line, no stack) reports this one too.
 */
export class ExtensionsError extends ServerStartError {
  /** The catalogue code (`ErrorCode.EXTENSIONS_INVALID` in openapi-mcp). */
  readonly code = 'OMCP_EXTENSIONS_INVALID';

  constructor(message: string) {
    super(message);
    // The base class types `name` as its own literal.
    (this as { name: string }).name = 'ExtensionsError';
  }
}
