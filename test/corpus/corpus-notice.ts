/**
 * Vitest globalSetup of the corpus tier: one line for the whole run when the
 * corpus is absent (each test file then skips its suites), instead of one per file.
 */
import { CORPUS, HAS_CORPUS } from './corpus-specs.js';

export default function setup(): void {
  if (HAS_CORPUS) return;
  console.warn(
    `corpus tier skipped: no index.json in ${CORPUS}; put the spec corpus there or set OPENAPI_MCP_CORPUS=DIR to run it`,
  );
}
