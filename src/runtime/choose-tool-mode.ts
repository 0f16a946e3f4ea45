/**
 * `--tools auto`: whether the published tools fit what clients accept, decided
 * from the tools as they would be listed (after selection, hidden tools out,
 * custom tools in).
 */
import type { ToolDefinition } from './types.js';

/** The budget past which `auto` switches to discovery. */
export interface ToolBudget {
  /** Most tools listed one per operation. */
  maxTools: number;
  /** Most bytes of what a model reads of the list: each tool's name, title, description and input schema as JSON. */
  maxBytes: number;
}

/**
 * 40 tools: the OpenAI API and VS Code refuse more than 128 tools per request
 * and Google GenAI's `mcpToTool` stops at 100, counted over every server a user
 * has connected, and Cursor warns past about 40; a server alone at or under 40
 * leaves room for the others and triggers no warning.
 * 128 KiB (about 32,000 tokens at 4 bytes a token): a sixth of a 200k context
 * spent before the first message is the most a tool list should cost.
 */
export const AUTO_BUDGET: Readonly<ToolBudget> = { maxTools: 40, maxBytes: 128 * 1024 };

/** What `auto` decided, and why (for the start-up line and `inspect`). */
export interface ToolModeChoice {
  mode: 'all' | 'discovery';
  reason: string;
}

/**
 * Picks `all` when `tools` fit `budget`, else `discovery`. Cheap at any size:
 * the count decides first, and the bytes are summed only until they pass the
 * budget (Kubernetes' full list is 11 MB of JSON).
 */
export function chooseToolMode(
  tools: readonly ToolDefinition[],
  budget: Readonly<ToolBudget> = AUTO_BUDGET,
): ToolModeChoice {
  const count = tools.length;
  if (count > budget.maxTools) {
    return { mode: 'discovery', reason: `${count} tools > ${budget.maxTools}` };
  }
  let bytes = 0;
  for (const tool of tools) {
    bytes += measureToolBytes(tool);
    if (bytes > budget.maxBytes) {
      return {
        mode: 'discovery',
        reason: `the tool list passes ${formatKiB(budget.maxBytes)} (${count} tools)`,
      };
    }
  }
  return {
    mode: 'all',
    reason: `${count} tools and ${formatKiB(bytes)} fit ${budget.maxTools} tools and ${formatKiB(budget.maxBytes)}`,
  };
}

/** Bytes of the JSON a model is given for `tool` (output schemas and annotations stay with the client). */
export function measureToolBytes(tool: ToolDefinition): number {
  return Buffer.byteLength(
    JSON.stringify({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
    }),
  );
}

function formatKiB(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KiB`;
}
