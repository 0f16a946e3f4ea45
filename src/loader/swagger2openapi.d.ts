/** Minimal types for swagger2openapi 7 (it ships none); only what convert-swagger2.ts uses. */
declare module 'swagger2openapi' {
  export interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    resolve?: boolean;
    resolveInternal?: boolean;
    direct?: boolean;
    anchors?: boolean;
    /** Cached source text; when absent the converter re-serialises the whole input as YAML. */
    text?: string;
    warnProperty?: string;
    targetVersion?: string;
  }
  export function convertObj(swagger: object, options: ConvertOptions): Promise<unknown>;
  const swagger2openapi: { convertObj: typeof convertObj };
  export default swagger2openapi;
}
