/**
 * OpenAPI 3.0/3.1 Schema Object → JSON Schema 2020-12, as MCP tool schemas need
 * it (MCP-SDK.md §1.9), with no `#/components/...` ref left behind. This module
 * wires the steps together; each answers one question:
 * - `ref-table.ts`: where does a `$ref` point?
 * - `ref-cycles.ts`: is a ref target recursive?
 * - `def-names.ts`: what is a target called in `$defs`?
 * - `convert-schema-node.ts`: what does a node become (inline or `$defs`)?
 * - `convert-value-keywords.ts` / `convert-shape-keywords.ts`: how each keyword translates;
 * - `collect-defs.ts`: which `$defs` fit one tool's budget?
 *
 * Converted ref targets are cached per document and mode, so a spec with
 * heavily shared schemas is converted once, and the emitted JSON grows with
 * the spec, never exponentially (SECURITY.md T14, A7, A8).
 */
import type { JsonSchema } from '../model/types.js';
import { collectDefs } from './collect-defs.js';
import type { ConvertContext, Frame, SchemaMode } from './convert-context.js';
import { convertSchemaNode } from './convert-schema-node.js';
import { createDefNamer } from './def-names.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { isHiddenProperty } from './hidden-property.js';
import { createCycleFinder } from './ref-cycles.js';
import { createRefTable } from './ref-table.js';

/** Conversion for one tool schema: shares one `$defs` across all its parts. */
export interface SchemaScope {
  /**
   * Converts one OpenAPI schema found at `pointer` (for diagnostics). The result
   * may be shared with other tools: copy before changing it.
   */
  convert(schema: unknown, pointer: string, propertyName?: string): JsonSchema;
  /** Adds `$defs` for every def the converted parts reference to `root` (mutated and returned). */
  finish(root: Record<string, unknown>): Record<string, unknown>;
}

/** Per-document converter; caches converted ref targets across tools. */
export interface SchemaConverter {
  createScope(mode: SchemaMode): SchemaScope;
  /** Follows `$ref`s (refs to refs too); `undefined` when unresolvable. */
  deref(schema: unknown): unknown;
  /** How many tool schemas, per mode, had `$defs` replaced by `{}` to stay within budget. */
  readonly truncated: Record<SchemaMode, number>;
  /** True when a property schema is `readOnly` (input) / `writeOnly` (output) and so left out. */
  isHidden(schema: unknown, mode: SchemaMode): boolean;
}

/** Creates the converter for one document; report problems into `sink`. */
export function createSchemaConverter(document: unknown, sink: DiagnosticSink): SchemaConverter {
  const refs = createRefTable(document);
  const shared = { sink, refs, isCyclic: createCycleFinder(refs), defName: createDefNamer() };
  const contexts: Record<SchemaMode, ConvertContext> = {
    input: { ...shared, mode: 'input', targets: new Map(), inProgress: new WeakSet() },
    output: { ...shared, mode: 'output', targets: new Map(), inProgress: new WeakSet() },
  };
  const truncated: Record<SchemaMode, number> = { input: 0, output: 0 };

  return {
    deref: refs.deref,
    truncated,
    isHidden: (schema, mode) => isHiddenProperty(schema, mode, refs.deref),
    createScope(mode) {
      const ctx = contexts[mode];
      const deps = new Set<string>();
      return {
        convert(schema, pointer, propertyName) {
          const frame: Frame = { size: 0, deps };
          return convertSchemaNode(ctx, schema, pointer, frame, 0, propertyName);
        },
        finish(root) {
          const result = collectDefs(ctx, deps);
          // One summary diagnostic per build (build-api-model.ts), not one per tool.
          if (result.truncated) truncated[mode]++;
          if (Object.keys(result.defs).length > 0) root.$defs = result.defs;
          return root;
        },
      };
    },
  };
}
