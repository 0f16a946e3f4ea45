/**
 * Helpers for objects whose keys come from the spec (parameter, property and
 * scheme names). `obj[name] = x` with `name === '__proto__'` would silently
 * replace the prototype instead of adding a key, so every spec-controlled key
 * is written through `setSafe`. Used by the loader and build-model alike (the
 * runtime never writes spec-controlled keys into fresh objects).
 */

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Defines `key` as an ordinary own, enumerable data property, whatever its name. */
export function setSafe<T>(target: Record<string, T>, key: string, value: T): void {
  // Plain assignment is much faster and equivalent for every other key: only
  // `__proto__` has a setter (on Object.prototype) that assignment would hit.
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Own-property read that never reaches into `Object.prototype` (`constructor`, `__proto__`). */
export function getOwn(target: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(target, key) ? target[key] : undefined;
}
