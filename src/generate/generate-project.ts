/**
 * `openapi-mcp gen`: ApiModel → a standalone MCP server project on disk.
 *
 * The project is the model as data (`api-model.json`), this package's
 * `src/runtime/` and `src/model/types.ts` copied byte for byte, and a few
 * rendered files (entry point, package.json, README, ...). Output is
 * deterministic: no timestamps, files and dependencies in sorted order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ErrorCode, GenerateError } from '../errors.js';
import type { ApiModel } from '../model/types.js';
import { createRenderer } from './render.js';
import { type BakedDefaults, buildRenderModel } from './render-model.js';
import { type WriteProjectResult, writeProject } from './write-project.js';

/** This package's root: `src/generate/` and `dist/generate/` both sit two levels below it. */
const PACKAGE_ROOT = new URL('../../', import.meta.url);
const TEMPLATES = new URL('templates/', PACKAGE_ROOT);

/** Template → file in the generated project. */
const TEMPLATE_FILES: ReadonlyArray<readonly [string, string]> = [
  ['Dockerfile.hbs', 'Dockerfile'],
  ['README.md.hbs', 'README.md'],
  ['dockerignore.hbs', '.dockerignore'],
  ['env.example.hbs', '.env.example'],
  // npm pack drops files named .gitignore, hence the template's name.
  ['gitignore.hbs', '.gitignore'],
  ['main.ts.hbs', 'src/main.ts'],
  ['package.json.hbs', 'package.json'],
  ['smoke.test.mjs.hbs', 'test/smoke.test.mjs'],
  ['tsconfig.json.hbs', 'tsconfig.json'],
];

/** Packages the vendored runtime imports, and what the smoke test and build need. */
export const PROJECT_DEPENDENCIES = [
  '@modelcontextprotocol/node',
  '@modelcontextprotocol/server',
  'ajv',
  'ajv-formats',
  'undici',
] as const;
export const PROJECT_DEV_DEPENDENCIES = [
  '@modelcontextprotocol/client',
  '@types/node',
  'typescript',
] as const;

/** Options of {@link generateProject} and {@link renderProject}; all resolved. */
export interface GenerateProjectOptions {
  /** npm package name of the project (validated). */
  name: string;
  /** Environment variable prefix (validated). */
  envPrefix: string;
  defaults: BakedDefaults;
}

/**
 * Every file of the project, relative path → content, without touching the
 * output folder. Reads only this package's templates, runtime sources and
 * package.json.
 */
export function renderProject(model: ApiModel, options: GenerateProjectOptions): Map<string, string> {
  const pkg = readOwnPackage();
  const view = buildRenderModel(model, {
    name: options.name,
    envPrefix: options.envPrefix,
    defaults: options.defaults,
    generatorVersion: pkg.version,
    dependencies: pick(pkg.dependencies, PROJECT_DEPENDENCIES),
    devDependencies: pick(pkg.devDependencies, PROJECT_DEV_DEPENDENCIES),
  });
  const renderer = createRenderer(TEMPLATES);
  const files = new Map<string, string>();
  for (const [template, file] of TEMPLATE_FILES) {
    try {
      files.set(file, renderer.render(template, view));
    } catch (error) {
      throw new GenerateError(
        ErrorCode.GENERATE_RENDER,
        `could not render ${file} from templates/${template}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
  // Data, not code: JSON.parse at run time can execute nothing, and tsc never
  // sees it (a TypeScript literal of the Kubernetes model would take minutes).
  files.set('api-model.json', `${JSON.stringify(model, null, 2)}\n`);
  for (const [file, content] of readVendoredSources()) files.set(file, content);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Renders the project and writes it to `outDir` (see `writeProject` for the overwrite rules). */
export function generateProject(
  model: ApiModel,
  outDir: string,
  options: GenerateProjectOptions & { force: boolean },
): WriteProjectResult {
  const files = renderProject(model, options);
  return writeProject(outDir, files, { force: options.force, generatorVersion: readOwnPackage().version });
}

/**
 * `src/model/types.ts` and every file under `src/runtime/`, as they are in this
 * package, keyed by their path in the generated project (the same path).
 */
export function readVendoredSources(): Map<string, string> {
  const out = new Map<string, string>();
  out.set('src/model/types.ts', readFileSync(new URL('src/model/types.ts', PACKAGE_ROOT), 'utf8'));
  const walk = (dir: string): void => {
    const entries = readdirSync(new URL(dir, PACKAGE_ROOT), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    for (const entry of entries) {
      const rel = `${dir}${entry.name}`;
      if (entry.isDirectory()) walk(`${rel}/`);
      else if (entry.isFile() && entry.name.endsWith('.ts')) {
        out.set(rel, readFileSync(new URL(rel, PACKAGE_ROOT), 'utf8'));
      }
    }
  };
  walk('src/runtime/');
  return out;
}

interface OwnPackage {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

function readOwnPackage(): OwnPackage {
  const data = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as Partial<OwnPackage>;
  return {
    version: data.version ?? '0.0.0',
    dependencies: data.dependencies ?? {},
    devDependencies: data.devDependencies ?? {},
  };
}

function pick(versions: Record<string, string>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const version = versions[name];
    if (version === undefined || !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version)) {
      // The generated project pins exact versions; a range here would be a packaging bug.
      throw new GenerateError(
        ErrorCode.GENERATE_RENDER,
        `openapi-mcp's package.json must pin ${name} to an exact version, got ${JSON.stringify(version)}`,
      );
    }
    out[name] = version;
  }
  return out;
}
