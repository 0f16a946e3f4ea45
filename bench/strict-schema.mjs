#!/usr/bin/env node
// How many tools survive the OpenAI Agents SDK's strict-schema conversion: the
// JS SDK's own `mcpToFunctionTool(tool, server, convertSchemasToStrict = true)`,
// which keeps a tool strict only when its inputSchema converts (else it falls
// back to a non-strict tool). The SDK is installed at bench time into a temp
// folder (npm registry only), never into the project.
// Usage: npm run build && node bench/strict-schema.mjs [spec ...]   (default: the corpus beside the clone)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const AGENTS_CORE = '@openai/agents-core@0.20.0';
const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = process.env.OPENAPI_MCP_CORPUS ?? join(root, '../shared/specs');
// The corpus's root documents, the list test/corpus/corpus-specs.ts reads too.
const { documents: CORPUS_DOCUMENTS, refRoots: REF_ROOTS } = JSON.parse(
  readFileSync(join(root, 'test/corpus/root-documents.json'), 'utf8'),
);

const showReasons = process.argv.includes('--reasons');
const args = process.argv.slice(2).filter((arg) => arg !== '--reasons');
const specs = args.length
  ? args.map((file) => ({ name: file, file, options: {} }))
  : CORPUS_DOCUMENTS.filter((name) => existsSync(join(corpus, name))).map((name) => ({
      name,
      file: join(corpus, name),
      options: { cwd: corpus, refRoot: join(corpus, REF_ROOTS[name] ?? name.split('/')[0]) },
    }));
if (specs.length === 0) {
  console.error(`no spec given and no corpus at ${corpus}`);
  process.exit(2);
}

const temp = mkdtempSync(join(tmpdir(), 'omcp-strict-'));
try {
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', temp, AGENTS_CORE], {
    stdio: 'ignore',
  });
  const agents = await import(
    pathToFileURL(join(temp, 'node_modules/@openai/agents-core/dist/index.mjs')).href
  );
  // The check mcpToFunctionTool runs, imported directly only to name the reason (--reasons).
  const strictUtils = await import(
    pathToFileURL(join(temp, 'node_modules/@openai/agents-core/dist/utils/strictToolSchema.mjs')).href
  );
  const reasons = new Map();
  const { loadModel } = await import(pathToFileURL(join(root, 'dist/index.js')).href);
  // The SDK logs one warning per tool that falls back to non-strict.
  const warn = console.warn;
  const error = console.error;
  const server = { name: 'bench', cacheToolsList: false };
  console.log(`OpenAI Agents SDK (${AGENTS_CORE}) strict conversion of each tool's inputSchema`);
  let converted = 0;
  let total = 0;
  for (const spec of specs) {
    const { model } = await loadModel(spec.file, spec.options);
    let ok = 0;
    console.warn = () => {};
    console.error = () => {};
    try {
      for (const op of model.operations) {
        const tool = {
          name: op.toolName,
          description: op.description,
          inputSchema: structuredClone(op.inputSchema),
        };
        try {
          if (agents.mcpToFunctionTool(tool, server, true).strict === true) ok += 1;
          else if (showReasons) {
            try {
              strictUtils.assertOpenAIStrictToolSchemaPreservesOpenObjects({
                ...tool.inputSchema,
                properties: tool.inputSchema.properties ?? {},
                required: tool.inputSchema.required ?? [],
              });
            } catch (reason) {
              const key = `${spec.name.split('/')[0]}: ${String(reason.message).replace(/`[^`]*`/g, '`…`')}`;
              reasons.set(key, (reasons.get(key) ?? 0) + 1);
            }
          }
        } catch {
          // a depth error: not converted
        }
      }
    } finally {
      console.warn = warn;
      console.error = error;
    }
    converted += ok;
    total += model.operations.length;
    console.log(
      `${spec.name.padEnd(60)} ${String(ok).padStart(5)}/${String(model.operations.length).padEnd(5)}`,
    );
  }
  console.log(`${'total'.padEnd(60)} ${String(converted).padStart(5)}/${total}`);
  if (showReasons) {
    for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]))
      console.log(`${count}\t${reason}`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
