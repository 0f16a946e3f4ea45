/**
 * Start-up check of a server's extensions against its model: every override
 * names a generated tool, every published name is valid and unique, every
 * custom tool is complete. Extensions are user code, often plain JavaScript,
 * so their shape is checked here rather than trusted from the types.
 */
import type { OperationModel } from '../model/types.js';
import { ExtensionsError } from './extensions-error.js';
import type { CustomTool, ServerExtensions, ToolOverride } from './server-extensions.js';

/** How one generated tool is published: its name, and the texts that replace the model's. */
export interface PublishedTool {
  name: string;
  description?: string;
  title?: string;
}

/** Extensions after the check. */
export interface ResolvedExtensions {
  /** Model tool name → how it is published; hidden tools are absent. */
  published: ReadonlyMap<string, PublishedTool>;
  customTools: readonly CustomTool[];
  onRequest: ServerExtensions['onRequest'];
  onResult: ServerExtensions['onResult'];
}

/** The names every published tool must match: what the model's own names match, and every client accepts. */
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const OVERRIDE_KEYS = new Set(['name', 'description', 'title', 'hidden']);
const CUSTOM_TOOL_KEYS = new Set([
  'name',
  'title',
  'description',
  'inputSchema',
  'outputSchema',
  'annotations',
  'handler',
]);
const EXTENSION_KEYS = new Set(['tools', 'customTools', 'onRequest', 'onResult']);
const ANNOTATION_KEYS = new Set([
  'title',
  'readOnlyHint',
  'destructiveHint',
  'idempotentHint',
  'openWorldHint',
]);

/** Checks `extensions` against `operations`; throws {@link ExtensionsError} naming the first fault. */
export function resolveExtensions(
  operations: readonly OperationModel[],
  extensions: ServerExtensions | undefined,
): ResolvedExtensions {
  const given: unknown = extensions ?? {};
  if (!isRecord(given)) fail('extensions', `must be an object, got ${describe(given)}`);
  checkKeys('extensions', given, EXTENSION_KEYS);
  for (const hook of ['onRequest', 'onResult'] as const) {
    if (given[hook] !== undefined && typeof given[hook] !== 'function') {
      fail(`extensions.${hook}`, `must be a function, got ${describe(given[hook])}`);
    }
  }

  const overrides = given.tools ?? {};
  if (!isRecord(overrides)) fail('extensions.tools', `must be an object, got ${describe(overrides)}`);
  const known = new Set(operations.map((operation) => operation.toolName));
  for (const key of Object.keys(overrides)) {
    if (!known.has(key)) {
      fail(
        `extensions.tools.${key}`,
        `no generated tool has this name (tools are named as in the model, before renames: ${sample([...known])})`,
      );
    }
    checkOverride(`extensions.tools.${key}`, overrides[key]);
  }

  const published = new Map<string, PublishedTool>();
  const owner = new Map<string, { toolName: string; renamed: boolean }>();
  for (const operation of operations) {
    const override = (Object.hasOwn(overrides, operation.toolName) ? overrides[operation.toolName] : {}) as
      | ToolOverride
      | undefined;
    if (override?.hidden === true) continue;
    const name = override?.name ?? operation.toolName;
    const earlier = owner.get(name);
    const renamed = override?.name !== undefined;
    // Two model tools of one name are the model's business (its names are unique by construction).
    if (earlier !== undefined && (renamed || earlier.renamed)) {
      // Blame the rename: this tool's, or else the earlier tool's (renamed onto this one's name).
      const [culprit, other] = renamed
        ? [operation.toolName, earlier.toolName]
        : [earlier.toolName, operation.toolName];
      fail(`extensions.tools.${culprit}.name`, `"${name}" is already the name of generated tool ${other}`);
    }
    owner.set(name, { toolName: operation.toolName, renamed });
    const tool: PublishedTool = { name };
    if (override?.description !== undefined) tool.description = override.description;
    if (override?.title !== undefined) tool.title = override.title;
    published.set(operation.toolName, tool);
  }

  const customTools = given.customTools ?? [];
  if (!Array.isArray(customTools)) {
    fail('extensions.customTools', `must be an array, got ${describe(customTools)}`);
  }
  const customNames = new Set<string>();
  customTools.forEach((tool: unknown, index) => {
    const where = `extensions.customTools[${index}]`;
    checkCustomTool(where, tool);
    const { name } = tool;
    if (owner.has(name)) {
      fail(
        `${where}.name`,
        `"${name}" is already the name of generated tool ${owner.get(name)?.toolName}; choose another name, or hide or rename that tool in extensions.tools`,
      );
    }
    if (customNames.has(name)) fail(`${where}.name`, `"${name}" is the name of an earlier custom tool`);
    customNames.add(name);
  });

  return {
    published,
    customTools: customTools as CustomTool[],
    onRequest: given.onRequest as ServerExtensions['onRequest'],
    onResult: given.onResult as ServerExtensions['onResult'],
  };
}

function checkOverride(where: string, value: unknown): void {
  if (!isRecord(value)) fail(where, `must be an object, got ${describe(value)}`);
  checkKeys(where, value, OVERRIDE_KEYS);
  if (value.name !== undefined) checkToolName(`${where}.name`, value.name);
  for (const key of ['description', 'title'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') {
      fail(`${where}.${key}`, `must be a string, got ${describe(value[key])}`);
    }
  }
  if (value.hidden !== undefined && typeof value.hidden !== 'boolean') {
    fail(`${where}.hidden`, `must be true or false, got ${describe(value.hidden)}`);
  }
}

function checkCustomTool(where: string, tool: unknown): asserts tool is CustomTool {
  if (!isRecord(tool)) fail(where, `must be an object, got ${describe(tool)}`);
  checkKeys(where, tool, CUSTOM_TOOL_KEYS);
  checkToolName(`${where}.name`, tool.name);
  if (typeof tool.description !== 'string') {
    fail(`${where}.description`, `must be a string, got ${describe(tool.description)}`);
  }
  if (tool.title !== undefined && typeof tool.title !== 'string') {
    fail(`${where}.title`, `must be a string, got ${describe(tool.title)}`);
  }
  for (const key of ['inputSchema', 'outputSchema'] as const) {
    const schema = tool[key];
    if (key === 'outputSchema' && schema === undefined) continue;
    if (!isRecord(schema) || schema.type !== 'object') {
      fail(`${where}.${key}`, `must be a JSON Schema object with type: 'object' at the root`);
    }
  }
  if (tool.annotations !== undefined) {
    if (!isRecord(tool.annotations)) {
      fail(`${where}.annotations`, `must be an object, got ${describe(tool.annotations)}`);
    }
    checkKeys(`${where}.annotations`, tool.annotations, ANNOTATION_KEYS);
  }
  if (typeof tool.handler !== 'function') {
    fail(`${where}.handler`, `must be a function, got ${describe(tool.handler)}`);
  }
}

function checkToolName(where: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name)) {
    fail(
      where,
      `${typeof name === 'string' ? JSON.stringify(name) : describe(name)} is not a valid tool name (1 to 64 of A-Z a-z 0-9 _ -)`,
    );
  }
}

function checkKeys(where: string, value: Record<string, unknown>, allowed: ReadonlySet<string>): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      fail(`${where}.${key}`, `unknown field (known: ${[...allowed].join(', ')})`);
    }
  }
}

function fail(where: string, problem: string): never {
  throw new ExtensionsError(`Server extensions: ${where}: ${problem}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function sample(names: string[]): string {
  if (names.length === 0) return 'the model has none';
  const shown = names.slice(0, 8).join(', ');
  return names.length > 8 ? `${shown}, … (${names.length} in all)` : shown;
}
