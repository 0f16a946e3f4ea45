/**
 * The one Ajv instance a tool caller validates with (arguments in, structured results out).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as formatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext the plugin is the default export at run time,
// but TypeScript sees the namespace; take whichever is callable.
const addFormats = ((formatsModule as { default?: unknown }).default ?? formatsModule) as unknown as (
  ajv: Ajv2020,
  options: { mode: 'fast' | 'full' },
) => Ajv2020;

/**
 * Creates an Ajv (JSON Schema 2020-12) instance for spec-derived schemas.
 *
 * - `strict: false`: spec schemas carry keywords Ajv does not know (`example`, vendor leftovers).
 * - `allErrors: true`: the model self-corrects better seeing every bad argument; the caller
 *   reports at most a handful.
 * - `$data: false`: data must never supply a pattern (CVE-2025-69873).
 * - formats in `fast` mode: the `full` regexes are the slower, ReDoS-prone ones.
 * - `validateFormats: true`, `useDefaults: false`, `coerceTypes: false`: validation never mutates arguments.
 * - `logger: false`: Ajv would warn on the console about every unknown spec format
 *   (`unixtime`, `int32`); unknown formats are simply not checked.
 * - `inlineRefs: false`: Ajv otherwise copies each referenced schema into its
 *   referrer's code, which is exponential for shared refs (a 30-level `$ref`
 *   diamond of 32 kB took 11 s to compile, blocking the event loop; 0.3 s without).
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    inlineRefs: false,
    logger: false,
    allErrors: true,
    $data: false,
    useDefaults: false,
    coerceTypes: false,
    removeAdditional: false,
    validateSchema: false,
    addUsedSchema: false,
    messages: true,
  });
  addFormats(ajv, { mode: 'fast' });
  return ajv;
}
