import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/commands/load-model.js';
import { OptionsError } from '../../../src/errors.js';
import {
  generateProject,
  PROJECT_DEPENDENCIES,
  readVendoredSources,
  renderProject,
  USER_FILES,
  VENDORED_HEADER,
} from '../../../src/generate/generate-project.js';
import { toEnvPrefix, toProjectName } from '../../../src/generate/project-name.js';
import type { ApiModel } from '../../../src/model/types.js';
import { resolveGenOptions } from '../../../src/options/generate-options.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let petstore: ApiModel;
let library: ApiModel;
const tmp = mkdtempSync(join(tmpdir(), 'omcp-gen-unit-'));

beforeAll(async () => {
  petstore = (await loadModel('specs/petstore.yaml', { cwd: ROOT })).model;
  library = (await loadModel('specs/library.swagger.json', { cwd: ROOT })).model;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function walk(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const visit = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else out.set(relative(dir, path).split('\\').join('/'), readFileSync(path));
    }
  };
  visit(dir);
  return out;
}

describe('project names', () => {
  it.each([
    ['Petstore', 'petstore'],
    ['Swagger Petstore — v2', 'swagger-petstore-v2'],
    ['Café API', 'cafe-api'],
    ['../../etc', 'etc'],
    ['x", "scripts": {"postinstall": "touch pwned"}, "y": "', 'x-scripts-postinstall-touch-pwned-y'],
    ['***', 'api'],
  ])('%j → %j', (title, name) => {
    expect(toProjectName(title)).toBe(name);
  });

  it.each([
    ['library', 'LIBRARY'],
    ['swagger-petstore', 'SWAGGER_PETSTORE'],
    ['3d-printer', 'MCP_3D_PRINTER'],
  ])('env prefix of %j is %j', (name, prefix) => {
    expect(toEnvPrefix(name)).toBe(prefix);
  });

  it('--name library names the variables LIBRARY_*', () => {
    const options = resolveGenOptions({ name: 'library', cwd: '/work' }, library);
    expect(options.envPrefix).toBe('LIBRARY');
    expect(options.outDir).toBe('/work/generated/library');
    const files = renderProject(library, options);
    expect(files.get('.env.example')).toMatch(/^LIBRARY_READER_TOKEN=$/m);
    expect(files.get('.env.example')).toMatch(/^LIBRARY_LIBRARIAN_USERNAME=$/m);
    expect(files.get('README.md')).toContain('`LIBRARY_BASE_URL`');
  });

  it.each([
    [{ name: 'My App' }, '--name'],
    [{ name: '@scope/x' }, '--name'],
    [{ name: '../x' }, '--name'],
    [{ baseUrl: 'ftp://x' }, '--base-url'],
    [{ timeout: '0' }, '--timeout'],
    [{ maxResponseBytes: 'lots' }, '--max-response-bytes'],
    [{ envPrefix: 'lower' }, '--env-prefix'],
  ])('%j → OptionsError naming %s', (user, option) => {
    expect(() => resolveGenOptions({ ...user, cwd: '/work' }, petstore)).toThrow(OptionsError);
    try {
      resolveGenOptions({ ...user, cwd: '/work' }, petstore);
    } catch (error) {
      expect((error as OptionsError).option).toBe(option);
    }
  });
});

describe('renderProject', () => {
  it('is deterministic: generating twice gives identical bytes', () => {
    const options = resolveGenOptions({ name: 'petstore', cwd: tmp }, petstore);
    generateProject(petstore, join(tmp, 'one'), options);
    generateProject(structuredClone(petstore), join(tmp, 'two'), options);
    const one = walk(join(tmp, 'one'));
    const two = walk(join(tmp, 'two'));
    expect([...one.keys()]).toEqual([...two.keys()]);
    for (const [file, bytes] of one) expect(bytes.equals(two.get(file)!), file).toBe(true);
  });

  it('bakes the defaults given to gen into the entry point', () => {
    const options = resolveGenOptions(
      {
        name: 'pets',
        baseUrl: 'https://api.example.com/v1',
        timeout: '5',
        maxResponseBytes: '2048',
        tools: 'discovery',
        cwd: tmp,
      },
      petstore,
    );
    const main = renderProject(petstore, options).get('src/main.ts') ?? '';
    expect(main).toContain('tools: "discovery",');
    expect(main).toContain('baseUrl: "https://api.example.com/v1"');
    expect(main).toContain('timeoutSeconds: 5,');
    expect(main).toContain('maxResponseBytes: 2048,');
    expect(main).toContain('envPrefix: "PETS"');
  });

  it('bakes --tools auto by default and refuses an unknown mode naming the flag', () => {
    const main = renderProject(petstore, resolveGenOptions({ cwd: tmp }, petstore)).get('src/main.ts') ?? '';
    expect(main).toContain('tools: "auto",');
    expect(() => resolveGenOptions({ tools: 'some', cwd: tmp }, petstore)).toThrow(
      '--tools must be "all", "discovery", "auto", got "some"',
    );
  });

  it('writes a package.json with pinned versions, only the template scripts and no lifecycle script', () => {
    const options = resolveGenOptions({ cwd: tmp }, petstore);
    const pkg = JSON.parse(renderProject(petstore, options).get('package.json') ?? '');
    const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.scripts)).toEqual(['build', 'start', 'test']);
    for (const [name, version] of Object.entries(pkg.dependencies))
      expect(version).toBe(own.dependencies[name]);
    for (const [name, version] of Object.entries(pkg.devDependencies)) {
      expect(version).toBe(own.devDependencies[name]);
    }
    expect(pkg.engines.node).toBe('>=20.19');
  });

  it('starts every generated file with a header pointing at the seam, where its format allows one', () => {
    const files = renderProject(petstore, resolveGenOptions({ cwd: tmp }, petstore));
    const vendored = readVendoredSources();
    for (const [file, text] of files) {
      if (vendored.has(file) || USER_FILES.includes(file) || file.endsWith('.json')) continue;
      expect(text.slice(0, 400), file).toMatch(
        /Generated by openapi-mcp \d+\.\d+\.\d+ from Petstore 1\.0\.0\. Do not edit: regenerate with `openapi-mcp gen`, and extend the server in src\/extend\.ts\./,
      );
    }
    for (const file of vendored.keys()) {
      expect(files.get(file)?.split('\n')[0], file).toBe(
        '// Generated by openapi-mcp: regenerate instead of editing; extend the server in src/extend.ts.',
      );
    }
  });

  it('writes the seam, src/extend.ts, as the user\'s file: no "do not edit", a default export, the entry uses it', () => {
    const files = renderProject(petstore, resolveGenOptions({ cwd: tmp }, petstore));
    const extend = files.get('src/extend.ts') ?? '';
    expect(USER_FILES).toEqual(['src/extend.ts']);
    expect(extend).toContain('This file is yours');
    expect(extend).not.toMatch(/do not edit/i);
    expect(extend).toContain("import { defineExtensions } from './runtime/server-extensions.js';");
    expect(extend).toMatch(/^export default defineExtensions\(\{\}\);$/m);
    for (const hook of ['tools:', 'customTools:', 'onRequest:', 'onResult:']) expect(extend).toContain(hook);
    const main = files.get('src/main.ts') ?? '';
    expect(main).toContain("import extensions from './extend.js';");
    expect(main).toContain('extra: { extensions },');
  });

  it("records each generated file's sha256 and the user files in the manifest", () => {
    const out = join(tmp, 'manifest');
    const options = resolveGenOptions({ name: 'petstore', cwd: tmp }, petstore);
    generateProject(petstore, out, { ...options, force: false });
    const manifest = JSON.parse(readFileSync(join(out, '.openapi-mcp.json'), 'utf8'));
    expect(manifest.userFiles).toEqual(['src/extend.ts']);
    expect(Object.keys(manifest.files)).not.toContain('src/extend.ts');
    expect(Object.keys(manifest.files)).toContain('src/main.ts');
    const main = readFileSync(join(out, 'src/main.ts'));
    expect(manifest.files['src/main.ts']).toBe(createHash('sha256').update(main).digest('hex'));
  });
});

describe('the vendored runtime', () => {
  it('depends only on packages the generated package.json lists', () => {
    const imports = new Set<string>();
    for (const [file, text] of readVendoredSources()) {
      for (const match of text.matchAll(/from '([^.'][^']*)'/g)) {
        const spec = match[1]!;
        if (spec.startsWith('node:')) continue;
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        imports.add(`${pkg} (${file})`);
        expect(PROJECT_DEPENDENCIES as readonly string[], `${spec} in ${file}`).toContain(pkg);
      }
      for (const match of text.matchAll(/from '(\.[^']*)'/g)) {
        // Relative imports stay inside runtime/ and model/ (vendored together).
        const target = join('/x', file, '..', match[1]!);
        expect(target, `${match[1]} in ${file}`).toMatch(/^\/x\/src\/(runtime|model)\//);
      }
    }
    expect(imports.size).toBeGreaterThan(0);
  });

  it.each(['petstore', 'library'])(
    'generated/%s holds src/runtime and src/model/types.ts byte for byte',
    (name) => {
      const dir = join(ROOT, 'generated', name);
      const vendored = readVendoredSources();
      const onDisk = [...walk(join(dir, 'src')).keys()].map((file) => `src/${file}`);
      const copies = onDisk.filter((file) => file !== 'src/main.ts' && file !== 'src/extend.ts').sort();
      expect(copies).toEqual([...vendored.keys()].sort());
      for (const [file, text] of vendored) {
        const copy = readFileSync(join(dir, file), 'utf8');
        expect(copy.startsWith(VENDORED_HEADER), `${file} lacks the vendored header`).toBe(true);
        // Below the header, byte for byte.
        expect(copy.slice(VENDORED_HEADER.length) === text, `${file} differs from this repo's copy`).toBe(
          true,
        );
      }
    },
  );
});
