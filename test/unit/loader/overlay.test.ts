import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DiagnosticCode } from '../../../src/diagnostics.js';
import { ErrorCode, SpecLoadError } from '../../../src/errors.js';
import { applyOverlay } from '../../../src/loader/apply-overlay.js';
import { loadSpec } from '../../../src/loader/load-spec.js';
import { parseOverlay } from '../../../src/loader/parse-overlay.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function overlayOf(actions: unknown[]): unknown {
  return { overlay: '1.0.0', info: { title: 't', version: '1' }, actions };
}

function apply(document: unknown, actions: unknown[]) {
  return applyOverlay(document, parseOverlay(overlayOf(actions), 'o.yaml'), 'o.yaml');
}

describe('parseOverlay', () => {
  it.each<[string, unknown, string]>([
    ['not an object', [], ''],
    [
      'no version',
      { info: { title: 't', version: '1' }, actions: [{ target: '$', remove: true }] },
      '/overlay',
    ],
    [
      'another version',
      { ...(overlayOf([{ target: '$', remove: true }]) as object), overlay: '2.0.0' },
      '/overlay',
    ],
    ['no info', { overlay: '1.0.0', actions: [{ target: '$', remove: true }] }, '/info'],
    [
      'info without version',
      { overlay: '1.0.0', info: { title: 't' }, actions: [{ target: '$', remove: true }] },
      '/info/version',
    ],
    ['no actions', overlayOf([]), '/actions'],
    ['an action not an object', overlayOf([{ target: '$', remove: true }, 3]), '/actions/1'],
    ['a target without $', overlayOf([{ target: 'paths', remove: true }]), '/actions/0/target'],
    ['a target that is no JSONPath', overlayOf([{ target: '$.paths[', remove: true }]), '/actions/0/target'],
    ['remove not a boolean', overlayOf([{ target: '$', remove: 'yes' }]), '/actions/0/remove'],
    ['neither update nor remove', overlayOf([{ target: '$' }]), '/actions/0'],
  ])('refuses %s with OMCP_OVERLAY_INVALID at its pointer', (_label, value, pointer) => {
    try {
      parseOverlay(value, 'o.yaml');
      expect.unreachable('parseOverlay accepted it');
    } catch (error) {
      expect(error).toBeInstanceOf(SpecLoadError);
      expect(error).toMatchObject({ code: ErrorCode.OVERLAY_INVALID, file: 'o.yaml', pointer });
      expect((error as Error).message).toContain(`Overlay o.yaml at ${pointer || '/'}:`);
    }
  });

  it('reads the actions, remove defaulting to false', () => {
    expect(parseOverlay(overlayOf([{ target: '$.a', update: { b: 1 } }]), 'o.yaml').actions).toEqual([
      { target: '$.a', update: { b: 1 }, remove: false },
    ]);
  });
});

describe('applyOverlay', () => {
  it('merges an update into every object selected, recursively: objects merged, arrays appended, the rest replaced', () => {
    const doc = {
      paths: {
        '/a': { get: { summary: 'old', tags: ['x'], 'x-mcp': { name: 'keep', description: 'd' } } },
        '/b': { get: { summary: 'b' } },
      },
    };
    const diagnostics = apply(doc, [
      { target: "$.paths['/a'].get", update: { summary: 'new', tags: ['y'], 'x-mcp': { name: 'n' } } },
      { target: '$.paths.*.get', update: { deprecated: true } },
    ]);
    expect(diagnostics).toEqual([]);
    expect(doc.paths).toEqual({
      '/a': {
        get: { summary: 'new', tags: ['x', 'y'], 'x-mcp': { name: 'n', description: 'd' }, deprecated: true },
      },
      '/b': { get: { summary: 'b', deprecated: true } },
    });
  });

  it('appends to an array target (each item of an array update)', () => {
    const doc = { tags: [{ name: 'a' }] };
    apply(doc, [
      { target: '$.tags', update: [{ name: 'b' }, { name: 'c' }] },
      { target: '$.tags', update: { name: 'd' } },
    ]);
    expect(doc.tags.map((t) => t.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('removes every selected node from its parent, array items included, without shifting the others', () => {
    const doc = { paths: { '/a': {}, '/b': {}, '/c': {} }, list: [0, 1, 2, 3, 4] };
    apply(doc, [
      { target: "$.paths['/a','/c']", remove: true },
      { target: '$.list[?@ == 1 || @ == 3]', remove: true },
    ]);
    expect(doc).toEqual({ paths: { '/b': {} }, list: [0, 2, 4] });
  });

  it('applies actions in order: a later one sees what an earlier one did', () => {
    const doc = { paths: { '/a': { get: {} } } };
    apply(doc, [
      { target: '$.paths', update: { '/b': { get: {} } } },
      { target: "$.paths['/b'].get", update: { operationId: 'b' } },
      { target: "$.paths['/a']", remove: true },
    ]);
    expect(doc).toEqual({ paths: { '/b': { get: { operationId: 'b' } } } });
  });

  it('copies the update, so two targets never share a node', () => {
    const doc = { a: {}, b: {} } as Record<string, Record<string, { n: number }>>;
    apply(doc, [{ target: '$.*', update: { x: { n: 1 } } }]);
    doc.a!.x!.n = 2;
    expect(doc.b!.x!.n).toBe(1);
  });

  it('keeps __proto__ as data', () => {
    const doc = { a: {} } as Record<string, object>;
    apply(doc, [{ target: '$.a', update: JSON.parse('{"__proto__": {"polluted": true}}') }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(doc.a)).toBe(Object.prototype);
  });

  it('warns, naming the file and the action, for a target that changes nothing', () => {
    const doc = { info: { title: 'x' } };
    const diagnostics = apply(doc, [
      { target: '$.paths', update: { a: 1 } },
      { target: '$.info.title', update: { a: 1 } },
      { target: '$', remove: true },
      { target: '$.info', update: { version: '2' } },
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      [
        DiagnosticCode.OVERLAY_TARGET_UNMATCHED,
        'warning',
        expect.stringMatching(/^Overlay o\.yaml action 0 \(target "\$\.paths"\) selects nothing;/),
      ],
      [
        DiagnosticCode.OVERLAY_TARGET_UNMATCHED,
        'warning',
        expect.stringContaining(
          'action 1 (target "$.info.title") selects no object or array the update fits',
        ),
      ],
      [
        DiagnosticCode.OVERLAY_TARGET_UNMATCHED,
        'warning',
        expect.stringContaining('action 2 (target "$") selects only the document root'),
      ],
    ]);
    expect(doc).toEqual({ info: { title: 'x', version: '2' } });
  });
});

describe('loadSpec with overlays', () => {
  it('applies the files in order to the document as read, and reports their warnings', async () => {
    const loaded = await loadSpec('specs/petstore.yaml', {
      cwd: repo,
      validate: false,
      overlays: ['test/fixtures/overlay/rename-and-exclude.yaml'],
    });
    const paths = loaded.document.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/pets']?.get?.['x-mcp']).toEqual({
      name: 'find_pets',
      description: 'Find pets in the store.',
    });
    expect(paths['/pets/{petId}']?.delete?.['x-mcp']).toEqual({ exclude: true });
    expect(loaded.diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.OVERLAY_TARGET_UNMATCHED]);
    expect(loaded.diagnostics[0]?.message).toContain('rename-and-exclude.yaml action 2');
  });

  it('refuses an invalid overlay with its file and pointer', async () => {
    await expect(
      loadSpec('specs/petstore.yaml', { cwd: repo, overlays: ['test/fixtures/overlay/not-an-overlay.yaml'] }),
    ).rejects.toMatchObject({ code: ErrorCode.OVERLAY_INVALID, pointer: '/actions/1/target' });
  });

  it('names a missing overlay file', async () => {
    await expect(
      loadSpec('specs/petstore.yaml', { cwd: repo, overlays: ['test/fixtures/overlay/missing.yaml'] }),
    ).rejects.toMatchObject({ code: ErrorCode.SPEC_READ, message: expect.stringContaining('missing.yaml') });
  });
});
