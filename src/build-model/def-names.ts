/**
 * The name a ref target gets under a tool schema's `$defs`: readable (the
 * component's own name when it is one), valid in a `#/$defs/...` pointer
 * without escaping, and unique per document so the same target is the same
 * def in every tool.
 */
import { parseRef } from './resolve-ref.js';

/** Returns a namer: canonical ref → def name, stable for the namer's life. */
export function createDefNamer(): (key: string) => string {
  const names = new Map<string, string>();
  const used = new Set<string>();
  return (key) => {
    let name = names.get(key);
    if (name !== undefined) return name;
    const segments = parseRef(key) ?? [];
    const isComponentSchema =
      segments.length === 3 && segments[0] === 'components' && segments[1] === 'schemas';
    const raw = isComponentSchema ? (segments[2] ?? '') : segments.slice(-3).join('_');
    const base = raw.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'schema';
    name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    names.set(key, name);
    return name;
  };
}
