/**
 * The state one schema conversion carries, passed explicitly to each step:
 * what is shared per document (refs, cycles, def names, diagnostics) and per
 * mode (converted ref targets), and what each conversion emits (`Frame`).
 */
import type { JsonSchema } from '../model/types.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import type { RefTable } from './ref-table.js';

/** `input`: arguments the tool receives. `output`: the response it returns. */
export type SchemaMode = 'input' | 'output';

/** A converted schema with what it weighs and which `$defs` it needs. */
export interface Converted {
  schema: JsonSchema;
  /** Weight of `schema`, counting inlined targets fully and `$ref`s as one. */
  size: number;
  /** Canonical refs of the `$defs` entries `schema` points to (directly or through inlined targets). */
  deps: string[];
}

/** Accumulates what a conversion in progress emitted. */
export interface Frame {
  size: number;
  deps: Set<string>;
}

/** Everything a conversion step reads or records, for one document and one mode. */
export interface ConvertContext {
  readonly mode: SchemaMode;
  readonly sink: DiagnosticSink;
  readonly refs: RefTable;
  readonly isCyclic: (key: string) => boolean;
  readonly defName: (key: string) => string;
  /** Converted ref targets of this mode, by canonical ref: each is converted once per document. */
  readonly targets: Map<string, Converted>;
  /** Objects being converted: only a dereferenced (cyclic) object graph meets one again. */
  readonly inProgress: WeakSet<object>;
}
