/**
 * SECURITY.md §3 B14 (T2, Handlebars prototype access and template compilation):
 * the compile options and the renderer's source. Moved from
 * test/unit/generate/render.test.ts. A spec string reaching the templates is
 * emitted literally, never compiled: test/unit/generate/render.test.ts
 * ("emits template syntax found in data literally") and the hostile spec's
 * `{{constructor.constructor}}` in b-generator-code-injection.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPILE_OPTIONS, TEMPLATE_HELPERS } from '../../src/generate/render.js';

describe('B14 Handlebars configuration guard (T2)', () => {
  it('compiles strict, with known helpers only, escaping on and no prototype access', () => {
    expect(COMPILE_OPTIONS.strict).toBe(true);
    expect(COMPILE_OPTIONS.knownHelpersOnly).toBe(true);
    expect(COMPILE_OPTIONS.noEscape).toBe(false);
    expect(Object.keys(COMPILE_OPTIONS.knownHelpers ?? {}).sort()).toEqual(
      Object.keys(TEMPLATE_HELPERS).sort(),
    );
    const keys = Object.keys(COMPILE_OPTIONS).join(' ');
    expect(keys).not.toMatch(/allowProto/);
    const source = readFileSync(new URL('../../src/generate/render.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(
      /allowProto\w*\s*:|registerPartial|Handlebars\.compile\(|Handlebars\.registerHelper/,
    );
    expect(source).toContain('Handlebars.create()');
  });
});
