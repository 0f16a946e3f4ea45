/**
 * Media types: what kind of body a content-map key describes and which one of a
 * request body's media types the runtime sends.
 */
import { isRecord } from '../safe-record.js';

/** How the runtime serialises a body of this media type. */
export type MediaKind = 'json' | 'form' | 'multipart' | 'text' | 'binary' | 'other';

/** Preference when a request body offers several media types (earlier wins). */
const PREFERENCE: readonly MediaKind[] = ['json', 'form', 'multipart', 'text', 'binary', 'other'];

const BINARY_TYPES = new Set([
  'application/octet-stream',
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/x-tar',
  '*/*',
  'application/*',
]);

/** Classifies a content-map key (`application/json; charset=utf-8` → json, `application/vnd.api+json` → json). */
export function classifyMediaType(mediaType: string): MediaKind {
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  if (essence === 'application/json' || essence.endsWith('+json')) return 'json';
  if (essence === 'application/x-www-form-urlencoded') return 'form';
  if (essence === 'multipart/form-data') return 'multipart';
  if (essence.startsWith('text/')) return 'text';
  if (BINARY_TYPES.has(essence) || /^(image|audio|video|font)\//.test(essence)) return 'binary';
  return 'other';
}

/** The chosen entry of a content map. */
export interface ChosenMediaType {
  /** The key as written in the spec. */
  key: string;
  kind: MediaKind;
  /** The Media Type Object. */
  media: Record<string, unknown>;
}

/**
 * Picks a request body media type: JSON, then form, multipart, text, binary,
 * anything else; the spec's order breaks ties.
 */
export function chooseMediaType(content: unknown): ChosenMediaType | undefined {
  if (!isRecord(content)) return undefined;
  let best: ChosenMediaType | undefined;
  for (const [key, media] of Object.entries(content)) {
    const kind = classifyMediaType(key);
    if (best === undefined || PREFERENCE.indexOf(kind) < PREFERENCE.indexOf(best.kind)) {
      best = { key, kind, media: isRecord(media) ? media : {} };
    }
  }
  return best;
}
