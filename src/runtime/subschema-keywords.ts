/**
 * Which JSON Schema keywords hold subschemas, and in what form: the one list
 * the model builder's walks and the runtime's compaction both go by.
 */

/** Keywords whose value is one subschema. */
export const SINGLE_SUBSCHEMA = [
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'contentSchema',
] as const;
/** Keywords whose value is a list of subschemas. */
export const LIST_SUBSCHEMA = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
/** Keywords whose value maps names to subschemas. */
export const MAP_SUBSCHEMA = ['properties', 'patternProperties', 'dependentSchemas'] as const;
/** Keywords whose value is a subschema or a boolean. */
export const BOOLEAN_OR_SUBSCHEMA = ['additionalProperties', 'unevaluatedProperties'] as const;
