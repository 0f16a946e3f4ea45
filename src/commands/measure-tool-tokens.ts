/**
 * How much of a model's context a tool list takes: what a model sees of each
 * tool (its name, description and input schema) counted with a real
 * tokenizer, the heaviest tools, and what would shrink them.
 */
import type { ToolDefinition } from '../runtime/types.js';

/** One tool's share. */
export interface ToolTokens {
  name: string;
  /** Name, description and input schema together. */
  tokens: number;
  description: number;
  inputSchema: number;
  /** What would shrink this tool most, in one line; empty when the tool is light. */
  hint: string;
}

/** The tool list's weight. */
export interface TokenReport {
  /**
   * The tokenizer counted with: OpenAI's o200k_base (GPT-4o and later). Claude's
   * tokenizer is not public; its counts run in the same range for JSON and English.
   */
  tokenizer: 'o200k_base';
  tools: number;
  /** What a model sees: every tool's name, description and input schema. */
  tokens: number;
  /** Bytes of the tools as `tools/list` sends them (output schemas, titles and annotations too). */
  wireBytes: number;
  /** The heaviest tools, heaviest first. */
  heaviest: ToolTokens[];
}

/** How many of the heaviest tools a report lists. */
const HEAVIEST = 10;
/** A tool below this is not worth a hint (Petstore's heaviest is about 100). */
const HEAVY_TOKENS = 1_000;

/**
 * Counts `tools`. The tokenizer's tables are loaded on the first call (about
 * a second), so only commands that report tokens pay for them.
 */
export async function measureToolTokens(tools: readonly ToolDefinition[]): Promise<TokenReport> {
  const tokenizer = await import('gpt-tokenizer/encoding/o200k_base');
  // A spec's text is text: `<|endoftext|>` in a description is counted as the
  // characters it is (the tokenizer throws on special tokens by default).
  const plain = { disallowedSpecial: new Set<string>() };
  const countTokens = (text: string): number => tokenizer.countTokens(text, plain);
  const measured = tools.map((tool): ToolTokens => {
    const description = countTokens(tool.description);
    const inputSchema = countTokens(JSON.stringify(tool.inputSchema));
    return {
      name: tool.name,
      tokens: countTokens(tool.name) + description + inputSchema,
      description,
      inputSchema,
      hint:
        description + inputSchema < HEAVY_TOKENS ? '' : hintFor(tool, description, inputSchema, countTokens),
    };
  });
  return {
    tokenizer: 'o200k_base',
    tools: tools.length,
    tokens: measured.reduce((sum, tool) => sum + tool.tokens, 0),
    wireBytes: Buffer.byteLength(JSON.stringify(tools)),
    heaviest: [...measured]
      .sort((a, b) => b.tokens - a.tokens || (a.name < b.name ? -1 : 1))
      .slice(0, HEAVIEST),
  };
}

/**
 * Where the weight is: the description, or the heaviest argument (a deep
 * nested body property is what usually makes a tool large).
 */
function hintFor(
  tool: ToolDefinition,
  description: number,
  inputSchema: number,
  countTokens: (text: string) => number,
): string {
  if (description > inputSchema) {
    return `description is ${description} tokens: shorten it with an x-mcp description (in the spec or an overlay)`;
  }
  const properties = Object.entries(
    (tool.inputSchema as { properties?: Record<string, unknown> }).properties ?? {},
  );
  let heaviest: { name: string; tokens: number } | undefined;
  for (const [name, schema] of properties) {
    const tokens = countTokens(JSON.stringify(schema));
    if (heaviest === undefined || tokens > heaviest.tokens) heaviest = { name, tokens };
  }
  if (heaviest === undefined || heaviest.tokens * 4 < inputSchema) {
    return `input schema is ${inputSchema} tokens over ${properties.length} arguments`;
  }
  return `argument "${heaviest.name}" is ${heaviest.tokens} of its ${inputSchema} schema tokens: drop it with an overlay, or hide the tool if it is rarely needed`;
}
