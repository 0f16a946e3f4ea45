/**
 * Which properties a mode leaves out: `readOnly` ones from inputs (the server
 * sets them), `writeOnly` ones from outputs (never returned). The flag may sit
 * on the property, on its `$ref` target, or on an `allOf` member.
 */
import { isRecord } from '../safe-record.js';
import type { SchemaMode } from './convert-context.js';

/** True when the property schema `value` is hidden in `mode`; `deref` follows `$ref`s. */
export function isHiddenProperty(
  value: unknown,
  mode: SchemaMode,
  deref: (schema: unknown) => unknown,
): boolean {
  const flag = mode === 'input' ? 'readOnly' : 'writeOnly';
  if (!isRecord(value)) return false;
  if (value[flag] === true) return true;
  const target = deref(value);
  if (isRecord(target) && target[flag] === true) return true;
  if (Array.isArray(value.allOf)) {
    return value.allOf.some((part) => {
      const resolved = deref(part);
      return isRecord(resolved) && resolved[flag] === true;
    });
  }
  return false;
}
