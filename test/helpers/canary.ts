/**
 * The suite-wide canary (issue 9 item 7, SECURITY.md test 31): one random
 * secret per test project, placed in every credential variable of every
 * server the tests start, and every output those servers give (tool results,
 * errors, stderr log lines, stdout, crash output) appended to files in a folder
 * the global setup named. The global teardown (`test/canary/global-setup.ts`)
 * searches them all: one hit fails the suite.
 *
 * Appending as output arrives (not at close) keeps a crashed or hung server's
 * last words, and keeps memory flat; the files are only read once, at teardown.
 */
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { inject } from 'vitest';
import { loadModel } from '../../src/commands/load-model.js';
import type { ApiModel } from '../../src/model/types.js';
import { listCredentialEnv } from '../../src/runtime/list-credential-env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This project's canary secret. */
    canary: string;
    /** Where outputs are appended for the teardown to search. */
    canaryDir: string;
  }
}

/** This run's canary secret (random per test project). */
export function canary(): string {
  return inject('canary');
}

let captures = 0;

/** Where one server's outputs go: every text given to `write` is searched for the canary at teardown. */
export interface Capture {
  write(text: string): void;
}

/**
 * Opens a capture for one server (`label` says which, for the teardown's
 * report). The file is created at once: the teardown counts servers by their
 * files and fails when servers started but nothing at all was captured.
 */
export function startCapture(label: string): Capture {
  captures += 1;
  const file = join(inject('canaryDir'), `${label.replace(/[^\w.-]+/g, '_')}-${process.pid}-${captures}.log`);
  appendFileSync(file, '');
  return {
    write(text) {
      if (text !== '') appendFileSync(file, text);
    },
  };
}

/** Writes a tool result (or any value) to `capture` as JSON, the form a client receives it in. */
export function captureValue(capture: Capture, value: unknown): void {
  capture.write(`${JSON.stringify(value)}\n`);
}

/**
 * `given` with the canary in every credential variable of `model` the test did
 * not set itself (a test that needs a variable unset sets it to `''`).
 */
export function canaryCredentials(
  model: ApiModel,
  prefix: string,
  given: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const secret = canary();
  const env: Record<string, string> = {};
  for (const variable of listCredentialEnv(model, prefix)) env[variable.name] = secret;
  return { ...env, ...given };
}

/** How a test starts a server: the served spec's command line, or a generated project's entry. */
export interface LaunchedModel {
  /** `serve`'s arguments (the spec first) or a generated server's flags. */
  serveArgs: readonly string[];
  /** A generated server's entry (`<project>/dist/main.js`); its model is `<project>/api-model.json`. */
  entry?: readonly string[];
  /** The folder relative spec paths are read from. */
  cwd: string;
}

/**
 * The model a launch will serve and its env prefix, found the way the server
 * finds them, or `undefined` when there is none to find (a spec that does not
 * load: the server will fail too, and has no credential variables).
 */
export async function findLaunchedModel(
  launch: LaunchedModel,
): Promise<{ model: ApiModel; prefix: string } | undefined> {
  const flagIndex = launch.serveArgs.indexOf('--env-prefix');
  const flagPrefix = flagIndex === -1 ? undefined : launch.serveArgs[flagIndex + 1];
  const script = launch.entry?.find((part) => part.endsWith('.js'));
  if (script !== undefined) {
    const modelFile = join(dirname(script), '..', 'api-model.json');
    if (!existsSync(modelFile)) return undefined;
    const baked = /envPrefix:\s*"([A-Z][A-Z0-9_]*)"/.exec(readFileSync(script, 'utf8'))?.[1];
    return {
      model: JSON.parse(readFileSync(modelFile, 'utf8')) as ApiModel,
      prefix: flagPrefix ?? baked ?? 'OPENAPI_MCP',
    };
  }
  const spec = launch.serveArgs[0];
  if (spec === undefined || spec.startsWith('-')) return undefined;
  const path = isAbsolute(spec) ? spec : join(launch.cwd, spec);
  if (!existsSync(path)) return undefined;
  // A test may rewrite a spec in place between servers: the file's size and time are part of the key.
  const { size, mtimeMs } = statSync(path);
  const key = `${path}\u0000${size}\u0000${mtimeMs}`;
  let model = loadedModels.get(key);
  if (model === undefined) {
    // No schema validation: only the credential variables are wanted, and fast.
    model = loadModel(path, { cwd: launch.cwd, validate: false }).then(
      (loaded) => loaded.model,
      () => undefined,
    );
    loadedModels.set(key, model);
  }
  const found = await model;
  return found === undefined ? undefined : { model: found, prefix: flagPrefix ?? 'OPENAPI_MCP' };
}

/** Specs are loaded once per test file's worker: tests start many servers over one spec. */
const loadedModels = new Map<string, Promise<ApiModel | undefined>>();

/** The env a launched server gets: the test's, plus the canary in every other credential variable. */
export async function launchEnv(
  launch: LaunchedModel,
  given: Readonly<Record<string, string>> = {},
): Promise<Record<string, string>> {
  const found = await findLaunchedModel(launch);
  return found === undefined ? { ...given } : canaryCredentials(found.model, found.prefix, given);
}
