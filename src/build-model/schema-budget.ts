/**
 * Size limits of converted schemas. Sizes are "weights": an estimate of the
 * emitted JSON length in characters (cheap to keep while converting, close
 * enough to decide with). They keep a tool's JSON growing with the spec, never
 * exponentially (SECURITY.md T14, A7, A8).
 */
export const SCHEMA_BUDGET = {
  /** A ref target weighing up to this is inlined at each use; heavier ones go to `$defs`. */
  INLINE_MAX_WEIGHT: 3000,
  /** Weight of `$defs` one input schema may carry; further defs become `{}` stubs. */
  INPUT_DEFS_MAX_WEIGHT: 60_000,
  /**
   * Same for output schemas: they are for validation and rarely read by the
   * model, and recursive API graphs (Stripe) would otherwise pull in half the spec.
   */
  OUTPUT_DEFS_MAX_WEIGHT: 20_000,
  /** Descriptions in output schemas are cut shorter than in input schemas. */
  OUTPUT_DESCRIPTION_MAX_LENGTH: 300,
  /** Nesting deeper than this (without refs) is cut to `{}`. */
  MAX_DEPTH: 64,
  /** `examples` whose JSON is longer than this are dropped (token budget). */
  MAX_EXAMPLE_CHARS: 1000,
} as const;
