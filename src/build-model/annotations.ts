/**
 * MCP tool annotations from the HTTP method, overridable per operation through
 * `x-mcp.annotations`. Annotations are hints for clients deciding whether to
 * ask the user first, so where the method cannot tell, we keep the MCP default
 * (`destructiveHint: true`): a POST may well be `/cancel` or `/delete`.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-annotations
 */
import type { HttpMethod, ToolAnnotationsModel } from '../model/types.js';

const SAFE_METHODS = new Set<HttpMethod>(['get', 'head', 'options', 'trace']);
const IDEMPOTENT_METHODS = new Set<HttpMethod>(['get', 'head', 'options', 'trace', 'put', 'delete']);

/** Boolean hints an `x-mcp.annotations` object may override. */
export type AnnotationOverrides = Partial<Omit<ToolAnnotationsModel, 'title'>> & { title?: string };

/**
 * GET/HEAD/OPTIONS/TRACE: read-only, idempotent, not destructive. PUT/DELETE:
 * idempotent and destructive. POST/PATCH: destructive (MCP default), not
 * idempotent. Always open-world (it calls an external API).
 */
export function buildAnnotations(
  method: HttpMethod,
  title: string | undefined,
  overrides: AnnotationOverrides = {},
): ToolAnnotationsModel {
  const readOnly = SAFE_METHODS.has(method);
  const finalTitle = overrides.title ?? title;
  return {
    ...(finalTitle !== undefined && { title: finalTitle }),
    readOnlyHint: overrides.readOnlyHint ?? readOnly,
    destructiveHint: overrides.destructiveHint ?? !readOnly,
    idempotentHint: overrides.idempotentHint ?? IDEMPOTENT_METHODS.has(method),
    openWorldHint: overrides.openWorldHint ?? true,
  };
}
