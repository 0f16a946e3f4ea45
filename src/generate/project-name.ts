/**
 * Names of a generated project: the npm package name (also its folder, its
 * `bin` and its key in client configs) and the environment variable prefix.
 */
import { toUpperSnake } from '../runtime/to-env-name.js';

/** npm's rules for a new unscoped package name, minus uppercase. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const MAX_NAME_LENGTH = 64;

/** True when `name` can be an npm package name, a folder name and a client config key as is. */
export function isProjectName(name: string): boolean {
  return PACKAGE_NAME.test(name) && name.length <= MAX_NAME_LENGTH && !name.endsWith('.');
}

/**
 * A project name from free text (the spec's `info.title`): lower case, accents
 * dropped, every run of other characters one `-`, at most 64 characters;
 * `api` when nothing usable is left.
 *
 * @example toProjectName('Swagger Petstore — v2') // 'swagger-petstore-v2'
 */
export function toProjectName(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'api' : slug;
}

/**
 * The environment variable prefix of a project: its name in UPPER_SNAKE
 * (`library` → `LIBRARY`, so `LIBRARY_READER_TOKEN`), with `MCP_` in front when
 * the name starts with a digit (a prefix must match `^[A-Z][A-Z0-9_]*$`).
 */
export function toEnvPrefix(name: string): string {
  const snake = toUpperSnake(name);
  if (snake === '') return 'OPENAPI_MCP';
  return /^[A-Z]/.test(snake) ? snake : `MCP_${snake}`;
}
