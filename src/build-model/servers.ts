/**
 * Server objects → ServerModel. URLs are kept as written (relative and
 * `//host/base` forms from Swagger 2.0 conversion included); resolving them
 * against the spec location is the runtime's job.
 * @see https://spec.openapis.org/oas/v3.1.0#server-object
 */
import type { ServerModel, ServerVariableModel } from '../model/types.js';
import { isRecord, setSafe } from '../safe-record.js';
import { sanitizeText } from './sanitize-text.js';

/** A `servers` array → models; entries without a string `url` are skipped. */
export function buildServers(servers: unknown): ServerModel[] {
  if (!Array.isArray(servers)) return [];
  const out: ServerModel[] = [];
  for (const server of servers) {
    if (!isRecord(server) || typeof server.url !== 'string' || server.url.trim() === '') continue;
    const variables: Record<string, ServerVariableModel> = {};
    if (isRecord(server.variables)) {
      for (const [name, variable] of Object.entries(server.variables)) {
        if (!isRecord(variable)) continue;
        const enumValues = Array.isArray(variable.enum) ? variable.enum.map((v) => String(v)) : undefined;
        const fallback = enumValues?.[0] ?? '';
        setSafe(variables, name, {
          default:
            variable.default === undefined || variable.default === null ? fallback : String(variable.default),
          ...(enumValues !== undefined && { enum: enumValues }),
          ...(typeof variable.description === 'string' &&
            variable.description.trim() !== '' && { description: sanitizeText(variable.description) }),
        });
      }
    }
    out.push({
      url: server.url.trim(),
      ...(typeof server.description === 'string' &&
        server.description.trim() !== '' && { description: sanitizeText(server.description) }),
      variables,
    });
  }
  return out;
}
