/**
 * A JSON pointer built lazily: most schema nodes never need theirs (only
 * diagnostics do), and escaping every property name up front was a measurable cost.
 */
import { escapePointerSegment } from '../json-pointer.js';

/** A pointer as text, or a parent pointer plus raw (unescaped) segments below it. */
export type LazyPointer = string | { up: LazyPointer; segs: readonly string[] };

/** The pointer as text, with `more` raw segments appended. */
export function pointerText(pointer: LazyPointer, ...more: string[]): string {
  const parts: string[] = [];
  let current: LazyPointer = pointer;
  while (typeof current !== 'string') {
    for (let i = current.segs.length - 1; i >= 0; i--) parts.push(escapePointerSegment(current.segs[i]!));
    current = current.up;
  }
  parts.reverse();
  for (const seg of more) parts.push(escapePointerSegment(seg));
  return parts.length === 0 ? current : `${current}/${parts.join('/')}`;
}
