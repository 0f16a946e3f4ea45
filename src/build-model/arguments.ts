/**
 * Parameters + request body → one flat argument map (DESIGN.md "Arguments").
 * The steps live beside this file: `parameter-arguments.ts` (parameters),
 * `body-arguments.ts` with `flatten-body.ts` and `body-constraints.ts` (the
 * request body), `argument-names.ts` (clashes renamed with a location prefix
 * the model records for both back ends).
 */
import { DiagnosticCode } from '../diagnostics.js';
import type { ArgumentModel, JsonSchema, RequestBodyModel } from '../model/types.js';
import { assignArgumentNames } from './argument-names.js';
import type { ArgumentCandidate, ArgumentsInput } from './arguments-input.js';
import { buildBodyArguments } from './body-arguments.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { buildParameterArguments } from './parameter-arguments.js';

/** The argument map with the inputSchema property of each argument (same order). */
export interface ArgumentsResult {
  arguments: ArgumentModel[];
  schemas: JsonSchema[];
  requestBody?: RequestBodyModel;
  /**
   * Constraints of a flattened object body that span its properties (`anyOf`
   * of `required` sets, `if`/`then`/`else`, `dependentRequired`, ...), converted,
   * for the tool's root; plus the body's declared `$schema`. Absent when a body
   * property was renamed (the constraints name wire names).
   */
  rootKeywords?: Record<string, unknown>;
}

/** Builds the argument map of one operation. */
export function buildArguments(input: ArgumentsInput): ArgumentsResult {
  const { sink, pointer } = input;
  const parameters = buildParameterArguments(input);
  const body = buildBodyArguments(input);
  const candidates = repairBooleanSchemas([...parameters, ...body.candidates], sink, pointer);

  const names = assignArgumentNames(candidates, sink, pointer);
  let rootKeywords = body.rootKeywords;
  if (
    rootKeywords !== undefined &&
    candidates.some((c, i) => c.argument.in === 'body-property' && names[i] !== c.name)
  ) {
    sink.add(
      DiagnosticCode.BODY_CONSTRAINTS_DROPPED,
      'The request body has constraints across its properties (anyOf/oneOf/if/dependentRequired); they were dropped from the tool schema because a body property was renamed. The upstream still checks them.',
      { pointer },
    );
    rootKeywords = undefined;
  }
  return {
    arguments: candidates.map((c, i) => ({ name: names[i]!, ...c.argument })),
    schemas: candidates.map((c) => c.schema),
    ...(body.requestBody !== undefined && { requestBody: body.requestBody }),
    ...(rootKeywords !== undefined && { rootKeywords }),
  };
}

/**
 * An argument whose schema is `true` takes `{}`; one whose schema is `false`
 * can never be given, so it is left out (SDK 1.32's client refuses a whole
 * tool list over one boolean property schema).
 */
function repairBooleanSchemas(
  candidates: readonly ArgumentCandidate[],
  sink: DiagnosticSink,
  pointer: string,
): ArgumentCandidate[] {
  const out: ArgumentCandidate[] = [];
  for (const c of candidates) {
    if (typeof c.schema !== 'boolean') {
      out.push(c);
      continue;
    }
    sink.add(
      DiagnosticCode.SCHEMA_BOOLEAN_PROPERTY,
      c.schema
        ? `Argument "${c.name}" has the schema \`true\`; it is offered as {} (any value).`
        : `Argument "${c.name}" has the schema \`false\` (it may never be given); it was left out.`,
      { pointer },
    );
    if (c.schema) out.push({ ...c, schema: {} });
  }
  return out;
}
