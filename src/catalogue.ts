/**
 * Every `OMCP_…` code openapi-mcp has, in one list: the thrown errors (severity
 * `error`) and the spec diagnostics. The README's two tables and `inspect`'s
 * group headings are rendered from the two halves; tools that want to explain
 * a code (an editor, a CI annotation) look it up here.
 */
import { DIAGNOSTIC_CATALOGUE, type DiagnosticSeverity } from './diagnostics.js';
import { ERROR_CATALOGUE } from './errors.js';

/** One code: what it means and what to do about it. */
export interface CatalogueEntry {
  readonly code: `OMCP_${string}`;
  readonly severity: 'error' | DiagnosticSeverity;
  readonly summary: string;
  readonly help: string;
}

/** Errors first (in the README's order), then diagnostics. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  ...ERROR_CATALOGUE.map((entry) => ({ ...entry, severity: 'error' as const })),
  ...DIAGNOSTIC_CATALOGUE,
];
