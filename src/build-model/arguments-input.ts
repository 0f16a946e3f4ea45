/**
 * What the argument builders share: their input (one operation in its
 * document) and the candidate arguments they produce before naming.
 */
import type { ArgumentModel, JsonSchema } from '../model/types.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import type { SchemaConverter, SchemaScope } from './schema-converter.js';

/** Everything the argument builders need about one operation. */
export interface ArgumentsInput {
  document: unknown;
  sink: DiagnosticSink;
  converter: SchemaConverter;
  scope: SchemaScope;
  pathTemplate: string;
  pathItem: Record<string, unknown>;
  operation: Record<string, unknown>;
  /** JSON pointers of the path item and the operation. */
  pathItemPointer: string;
  pointer: string;
}

/** One tool argument before clashes are resolved: its own name and the prefix a clash would add. */
export interface ArgumentCandidate {
  argument: Omit<ArgumentModel, 'name'>;
  name: string;
  prefix: string;
  schema: JsonSchema;
}
