/**
 * Minimal types for the part of js-yaml 4 we use. js-yaml arrives through
 * @apidevtools/json-schema-ref-parser; it should become a direct dependency
 * (with @types/js-yaml, which would replace this file).
 */
declare module 'js-yaml' {
  export interface Schema {
    readonly brand?: 'js-yaml-schema';
  }
  export interface Mark {
    line: number;
    column: number;
  }
  export class YAMLException extends Error {
    reason: string;
    mark: Mark;
  }
  export interface LoadOptions {
    filename?: string;
    schema?: Schema;
    json?: boolean;
    /** js-yaml >= 4.3: deepest nesting accepted (default 100). */
    maxDepth?: number;
  }
  export const CORE_SCHEMA: Schema;
  export const JSON_SCHEMA: Schema;
  export function load(text: string, options?: LoadOptions): unknown;
  const jsYaml: {
    load: typeof load;
    CORE_SCHEMA: Schema;
    JSON_SCHEMA: Schema;
    YAMLException: typeof YAMLException;
  };
  export default jsYaml;
}
