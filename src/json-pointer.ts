/**
 * JSON pointers as diagnostics and errors print them (RFC 6901), shared by the
 * loader and build-model.
 * @see https://www.rfc-editor.org/rfc/rfc6901
 */

/** Escapes one JSON-pointer segment (`~` → `~0`, `/` → `~1`). */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON pointer (`/paths/~1pets/get`) from raw segments; `''` is the whole document. */
export function toPointer(segments: readonly string[]): string {
  let out = '';
  for (const segment of segments) out += `/${escapePointerSegment(segment)}`;
  return out;
}
