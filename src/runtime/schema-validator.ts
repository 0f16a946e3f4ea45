/**
 * A JSON Schema validator compiled on first use and then kept: compiling every
 * schema of a 1,000-operation spec at start-up would delay the first `tools/list`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../model/types.js';
import { ROOT_RULE_KEYWORDS } from './root-rule-keywords.js';

/** The outcome of one validation. `errors` are readable lines, at most `maxErrors` (+1 "more" line). */
export type SchemaCheck =
  | { ok: true }
  /**
   * `rootRule`: the keyword of a rule across several arguments the value broke
   * (`anyOf`, `oneOf`, `not`, `if`, `dependentRequired`, ...), when it sits at the root.
   */
  | { ok: false; errors: string[]; rootRule?: string }
  /** The schema itself could not be compiled; `message` says why (no data involved). */
  | { ok: false; compileError: string };

/** Validates values against one schema. */
export interface SchemaValidator {
  check(value: unknown): SchemaCheck;
}

/** Root keywords that tie several properties together (schema paths `#/<keyword>/...`). */
const ROOT_RULES: ReadonlySet<string> = new Set(ROOT_RULE_KEYWORDS);

/** How many schema errors a message lists before summarising the rest. */
export const MAX_REPORTED_ERRORS = 10;

/**
 * Creates a validator for `schema` that compiles it with `ajv` the first time it is
 * used (never per call). A compile failure is remembered and reported on every check.
 */
export function createSchemaValidator(ajv: Ajv2020, schema: JsonSchema): SchemaValidator {
  let compiled: ValidateFunction | undefined;
  let compileError: string | undefined;
  return {
    check(value) {
      if (compiled === undefined && compileError === undefined) {
        try {
          compiled = ajv.compile(schema);
        } catch (error) {
          compileError = error instanceof Error ? error.message : String(error);
        }
      }
      if (compiled === undefined) return { ok: false, compileError: compileError ?? 'unknown error' };
      if (compiled(value)) return { ok: true };
      const errors = compiled.errors ?? [];
      const rootRule = errors
        .find((e) => ROOT_RULES.has(e.schemaPath.split('/')[1] ?? ''))
        ?.schemaPath.split('/')[1];
      return { ok: false, errors: formatSchemaErrors(errors), ...(rootRule !== undefined && { rootRule }) };
    },
  };
}

/**
 * Turns Ajv errors into lines `"/petId: must be integer"`, the root written `(root)`.
 * Adds the detail Ajv keeps in `params` (which property, which values) because the
 * model needs it to correct the call.
 */
export function formatSchemaErrors(errors: readonly ErrorObject[], max = MAX_REPORTED_ERRORS): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // Inside an alternative, "must have required property 'a'" reads as a demand: say whose it is.
    const branch = /^#(?:\/[^/]+)*?\/(anyOf|oneOf)\/(\d+)\//.exec(error.schemaPath);
    const within = branch === null ? '' : `alternative ${Number(branch[2]) + 1} of ${branch[1]}: `;
    const line = `${error.instancePath === '' ? '(root)' : error.instancePath}: ${within}${describeError(error)}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `... and ${lines.length - max} more`];
}

function describeError(error: ErrorObject): string {
  const message = error.message ?? `must pass "${error.keyword}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `must NOT have additional property '${String(params.additionalProperty)}'`;
    case 'enum':
      return Array.isArray(params.allowedValues)
        ? `${message}: ${truncate(params.allowedValues.map((v) => JSON.stringify(v)).join(', '), 200)}`
        : message;
    case 'anyOf':
      return 'must match at least one of the alternatives (anyOf)';
    case 'oneOf':
      return params.passingSchemas === null || params.passingSchemas === undefined
        ? 'must match exactly one of the alternatives (oneOf); it matches none'
        : `must match exactly one of the alternatives (oneOf); it matches alternatives ${[
            params.passingSchemas,
          ]
            .flat()
            .map((i) => Number(i) + 1)
            .join(' and ')}`;
    case 'const':
      return `${message}: ${truncate(JSON.stringify(params.allowedValue) ?? 'undefined', 200)}`;
    default:
      return message;
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}
