/**
 * MCP tool names: `^[A-Za-z0-9_-]{1,max}$`, unique, deterministic. The MCP
 * revision 2025-11-25 allows `.` and 128 characters, but some clients cap at 64
 * and reject dots, so we aim lower (MCP-SDK.md §1.2).
 */
import type { HttpMethod } from '../model/types.js';

/** Default tool-name length cap. */
export const DEFAULT_MAX_TOOL_NAME_LENGTH = 64;
const HASH_LENGTH = 6;

/** FNV-1a (32 bit) over UTF-16 code units, as hex: small, pure JS, stable everywhere. */
export function shortHash(text: string, length: number = HASH_LENGTH): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0').slice(0, length);
}

/** Replaces every run of characters outside `[A-Za-z0-9_-]` with `_` and trims `_`. */
export function cleanToolName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** `get_pets_petId` for `GET /pets/{petId}`. */
export function methodPathName(method: HttpMethod, pathTemplate: string): string {
  const words = pathTemplate
    .split('/')
    .map((w) => cleanToolName(w.replace(/[{}]/g, '')))
    .filter((w) => w !== '');
  return [method, ...words].join('_');
}

/** One operation's naming input. */
export interface ToolNameRequest {
  /** Stable id: hashed when the name must be shortened or de-duplicated. */
  id: string;
  method: HttpMethod;
  pathTemplate: string;
  /** `x-mcp.name` or the operationId, if any. */
  preferred: string | undefined;
}

/** The decided name and, when it differs from the preferred one, why. */
export interface ToolNameResult {
  name: string;
  /** Set when the name is not the (cleaned) preferred one. */
  renamedBecause?: string;
}

/**
 * Names a list of operations in order. Earlier operations keep their names;
 * later ones that clash (case-insensitively, `-` equal to `_`, since clients
 * and models confuse those) get `_` + a hash of their id.
 */
export function buildToolNames(requests: readonly ToolNameRequest[], maxLength: number): ToolNameResult[] {
  const taken = new Set<string>();
  const nextNumber = new Map<string, number>();
  const key = (name: string) => name.toLowerCase().replace(/-/g, '_');
  return requests.map((request) => {
    const reasons: string[] = [];
    let base: string;
    const fallback = methodPathName(request.method, request.pathTemplate);
    if (request.preferred === undefined) {
      base = fallback;
    } else if (/[\u0080-\uffff]/.test(request.preferred.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))) {
      // Non-Latin names lose their meaning when cleaned; method+path reads better, the hash keeps it unique.
      base = `${fallback}_${shortHash(request.preferred)}`;
      reasons.push(`"${request.preferred}" has characters outside [A-Za-z0-9_-]`);
    } else {
      base = cleanToolName(request.preferred);
      if (base === '') {
        base = fallback;
        reasons.push(`"${request.preferred}" has no usable characters`);
      } else if (base !== request.preferred) {
        reasons.push(`"${request.preferred}" has characters outside [A-Za-z0-9_-]`);
      }
    }
    if (base === '') base = 'operation';
    let name = fitLength(base, request.id, maxLength);
    if (name !== base) reasons.push(`longer than ${maxLength} characters`);
    if (taken.has(key(name))) {
      reasons.push('another tool already has this name');
      const hash = shortHash(request.id);
      name = withSuffix(base, hash, maxLength);
      // Operations sharing an id share the hash: count on from the last number used, not
      // from 2 each time (2,000 copies of one operationId took 20 s). Same names as counting
      // from 2, since taken names are never freed.
      const counter = key(name);
      for (let n = nextNumber.get(counter) ?? 2; taken.has(key(name)); n++) {
        name = withSuffix(base, `${hash}_${n}`, maxLength);
        nextNumber.set(counter, n + 1);
      }
    }
    taken.add(key(name));
    if (reasons.length === 0 && request.preferred !== undefined) return { name };
    if (reasons.length === 0) return { name };
    return { name, renamedBecause: reasons.join('; ') };
  });
}

function fitLength(base: string, id: string, maxLength: number): string {
  return base.length <= maxLength ? base : withSuffix(base, shortHash(id), maxLength);
}

function withSuffix(base: string, suffix: string, maxLength: number): string {
  const room = maxLength - suffix.length - 1;
  const head = base.slice(0, Math.max(0, room)).replace(/[_-]+$/, '');
  return head === '' ? suffix.slice(0, maxLength) : `${head}_${suffix}`;
}
