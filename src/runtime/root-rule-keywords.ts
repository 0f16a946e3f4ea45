/**
 * The root keywords of an input schema that tie several arguments together.
 * A published tool leaves them out (clients refuse them at the root) and the
 * validator keeps them: one list, so what is left out is what is checked.
 */
export const ROOT_RULE_KEYWORDS = [
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
] as const;
