/**
 * Security schemes and requirements, reduced to what the runtime needs to attach
 * credentials. @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import { DiagnosticCode } from '../diagnostics.js';
import { escapePointerSegment } from '../json-pointer.js';
import type { SecurityRequirementModel, SecuritySchemeModel } from '../model/types.js';
import { getOwn, isRecord, setSafe } from '../safe-record.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { resolveRef } from './resolve-ref.js';
import { sanitizeText } from './sanitize-text.js';

/** `components.securitySchemes` → models by key, in spec order. */
export function buildSecuritySchemes(
  document: unknown,
  sink: DiagnosticSink,
): Record<string, SecuritySchemeModel> {
  const out: Record<string, SecuritySchemeModel> = {};
  const components = isRecord(document) ? document.components : undefined;
  const schemes = isRecord(components) ? components.securitySchemes : undefined;
  if (!isRecord(schemes)) return out;
  for (const [key, raw] of Object.entries(schemes)) {
    const pointer = `/components/securitySchemes/${escapePointerSegment(key)}`;
    let scheme: unknown = raw;
    if (isRecord(raw) && typeof raw.$ref === 'string') {
      const resolved = resolveRef(document, raw.$ref);
      scheme = resolved.ok ? resolved.value : undefined;
    }
    const model = toSchemeModel(key, scheme);
    if (model.kind === 'unsupported') {
      sink.add(DiagnosticCode.SECURITY_UNSUPPORTED, `Security scheme "${key}": ${model.reason}.`, {
        pointer,
      });
    }
    setSafe(out, key, model);
  }
  return out;
}

function toSchemeModel(key: string, scheme: unknown): SecuritySchemeModel {
  if (!isRecord(scheme)) return { key, kind: 'unsupported', reason: 'the scheme is not an object' };
  const description =
    typeof scheme.description === 'string' && scheme.description.trim() !== ''
      ? { description: sanitizeText(scheme.description) }
      : {};
  const type = typeof scheme.type === 'string' ? scheme.type : '';
  switch (type) {
    case 'apiKey': {
      const location = scheme.in;
      if (
        (location === 'header' || location === 'query' || location === 'cookie') &&
        typeof scheme.name === 'string' &&
        scheme.name !== ''
      ) {
        return { key, kind: 'apiKey', in: location, name: scheme.name, ...description };
      }
      return {
        key,
        kind: 'unsupported',
        reason: 'apiKey needs `in` (header, query or cookie) and a `name`',
        ...description,
      };
    }
    case 'http': {
      const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
      if (httpScheme === 'bearer') return { key, kind: 'httpBearer', ...description };
      if (httpScheme === 'basic') return { key, kind: 'httpBasic', ...description };
      return {
        key,
        kind: 'unsupported',
        reason: `HTTP authentication scheme "${String(scheme.scheme)}" is not supported (only bearer and basic)`,
        ...description,
      };
    }
    case 'oauth2': {
      const flows = isRecord(scheme.flows) ? scheme.flows : {};
      const scopes: string[] = [];
      for (const flowName of Object.keys(flows)) {
        const flow = getOwn(flows, flowName);
        if (isRecord(flow) && isRecord(flow.scopes)) {
          for (const scope of Object.keys(flow.scopes)) if (!scopes.includes(scope)) scopes.push(scope);
        }
      }
      const clientCredentials = getOwn(flows, 'clientCredentials');
      const tokenUrl =
        isRecord(clientCredentials) && typeof clientCredentials.tokenUrl === 'string'
          ? { tokenUrl: clientCredentials.tokenUrl }
          : {};
      return { key, kind: 'oauth2', ...tokenUrl, scopes, ...description };
    }
    case 'openIdConnect':
      return { key, kind: 'openIdConnect', ...description };
    case 'mutualTLS':
      return { key, kind: 'unsupported', reason: 'mutual TLS is not supported', ...description };
    default:
      return { key, kind: 'unsupported', reason: `unknown scheme type "${type}"`, ...description };
  }
}

/**
 * An operation's `security` (or the document's when absent) → alternatives.
 * `security: []` means no credentials; a requirement `{}` is "anonymous allowed".
 * Alternatives naming an undefined scheme are dropped.
 */
export function buildSecurityRequirements(
  operationSecurity: unknown,
  documentSecurity: unknown,
  schemes: Record<string, SecuritySchemeModel>,
  pointer: string,
  sink: DiagnosticSink,
): SecurityRequirementModel[] {
  const source = Array.isArray(operationSecurity) ? operationSecurity : documentSecurity;
  if (!Array.isArray(source)) return [];
  const sourcePointer = Array.isArray(operationSecurity) ? `${pointer}/security` : '/security';
  const out: SecurityRequirementModel[] = [];
  source.forEach((requirement, index) => {
    if (!isRecord(requirement)) return;
    const refs: SecurityRequirementModel = [];
    for (const [scheme, scopes] of Object.entries(requirement)) {
      if (!Object.hasOwn(schemes, scheme)) {
        sink.add(
          DiagnosticCode.SECURITY_SCHEME_UNDEFINED,
          `Security requirement names undefined scheme "${scheme}"; that alternative was dropped.`,
          { pointer: `${sourcePointer}/${index}` },
        );
        return;
      }
      refs.push({
        scheme,
        scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [],
      });
    }
    out.push(refs);
  });
  return out;
}
