/** The environment listing as a person reads it (start-up logs and `inspect`). */
import type { ServerEnvVar } from './list-server-env.js';
import type { Env } from './types.js';

/** A listed variable and whether it holds a value now (the value itself is never carried). */
export type ServerEnvState = ServerEnvVar & { set: boolean };

/** One line per variable: name, `set` or `unset`, what it is for. */
export function formatServerEnv(vars: readonly ServerEnvState[]): string[] {
  const width = Math.max(0, ...vars.map((v) => v.name.length));
  return vars.map((v) => `  ${v.name.padEnd(width)}  ${v.set ? 'set  ' : 'unset'}  ${v.description}`);
}

/** `vars` with whether each is set in `env`; the empty string counts as unset, as for credentials. */
export function toServerEnvState(vars: readonly ServerEnvVar[], env: Env): ServerEnvState[] {
  return vars.map((v) => ({ ...v, set: (env[v.name] ?? '') !== '' }));
}
