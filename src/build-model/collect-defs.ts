/**
 * Which `$defs` one tool schema carries: every def its converted parts point
 * to, transitively, as long as their weight fits the mode's budget; past it, a
 * def becomes `{}` (accept anything) so the tool stays small.
 */
import type { JsonSchema } from '../model/types.js';
import { isRecord, setSafe } from '../safe-record.js';
import type { ConvertContext } from './convert-context.js';
import { convertRefTarget } from './convert-schema-node.js';
import { anchorOf } from './schema-anchor.js';
import { SCHEMA_BUDGET } from './schema-budget.js';

/**
 * The `$defs` for canonical refs `deps` (which grows with what the defs need),
 * and whether any were replaced by `{}` to stay within budget.
 */
export function collectDefs(
  ctx: ConvertContext,
  deps: Set<string>,
): { defs: Record<string, JsonSchema>; truncated: boolean } {
  const defs: Record<string, JsonSchema> = {};
  let size = 0;
  let truncated = false;
  const budget =
    ctx.mode === 'input' ? SCHEMA_BUDGET.INPUT_DEFS_MAX_WEIGHT : SCHEMA_BUDGET.OUTPUT_DEFS_MAX_WEIGHT;
  // `deps` grows while we walk it: Set iteration visits late additions.
  for (const key of deps) {
    const name = ctx.defName(key);
    const target = convertRefTarget(ctx, key);
    if (size + target.size > budget) {
      truncated = true;
      setSafe(defs, name, {});
      continue;
    }
    size += target.size;
    const anchor = anchorOf(ctx.refs.byKey(key)?.target);
    setSafe(
      defs,
      name,
      anchor !== undefined && isRecord(target.schema) ? { $anchor: anchor, ...target.schema } : target.schema,
    );
    for (const dep of target.deps) deps.add(dep);
  }
  return { defs, truncated };
}
