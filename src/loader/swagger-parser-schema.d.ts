/**
 * swagger-parser's structural validator (the official Swagger 2.0 and OpenAPI
 * 3.0/3.1 JSON Schemas through Ajv), imported alone: its public `validate()`
 * dereferences the whole document first, which our bundler already did under
 * our own ref policy, and which is slow on big specs with shared refs.
 */
declare module '@apidevtools/swagger-parser/lib/validators/schema.js' {
  /** Throws a `SyntaxError` whose `details` are Ajv's errors when `api` breaks its schema. */
  export default function validateSchema(api: object): void;
}
