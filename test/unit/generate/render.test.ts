import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderer, TEMPLATE_HELPERS } from '../../../src/generate/render.js';

const TEMPLATES = new URL('../../../templates/', import.meta.url);
const names = readdirSync(TEMPLATES).filter((name) => name.endsWith('.hbs'));

interface Node {
  type: string;
  path?: { type: string; original: unknown };
  params?: Node[];
  escaped?: boolean;
  program?: { body: Node[] };
  inverse?: { body: Node[] };
  body?: Node[];
}

/** Every Mustache/Block/Partial statement of a template, recursively. */
function statements(nodes: Node[]): Node[] {
  return nodes.flatMap((node) => [
    node,
    ...statements(node.program?.body ?? []),
    ...statements(node.inverse?.body ?? []),
  ]);
}

describe.each(names)('templates/%s', (name) => {
  const ast = Handlebars.parse(readFileSync(new URL(name, TEMPLATES), 'utf8')) as unknown as { body: Node[] };
  const all = statements(ast.body);

  it('puts every value through a context helper (no bare {{x}}, no {{{x}}}, no partials)', () => {
    for (const node of all) {
      expect(node.type, JSON.stringify(node.path)).not.toBe('PartialStatement');
      if (node.type === 'MustacheStatement') {
        expect(Object.keys(TEMPLATE_HELPERS), `{{${String(node.path?.original)}}}`).toContain(
          node.path?.original,
        );
        expect(node.params).toHaveLength(1);
        expect(node.escaped, 'triple-stash').toBe(true);
      }
      if (node.type === 'BlockStatement') {
        expect(['each', 'if', 'unless']).toContain(node.path?.original);
      }
    }
  });
});

describe('createRenderer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omcp-render-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const renderer = createRenderer(pathToFileURL(`${dir}/`));
  const write = (name: string, text: string): void => writeFileSync(join(dir, name), text);

  it('emits template syntax found in data literally, never compiling it', () => {
    write('a.hbs', 'const x = {{json text}};');
    const text = '{{#with (lookup this "constructor")}}{{this}}{{/with}}';
    expect(renderer.render('a.hbs', { text })).toBe(`const x = ${JSON.stringify(text)};`);
  });

  it('fails loudly on a missing field (strict, and helpers refuse undefined)', () => {
    write('b.hbs', '{{json missing}}');
    expect(() => renderer.render('b.hbs', {})).toThrow(/undefined/);
    write('b2.hbs', '{{md missing}}');
    expect(() => renderer.render('b2.hbs', {})).toThrow(/undefined/);
  });

  it('refuses an unknown helper at compile time (knownHelpersOnly)', () => {
    write('c.hbs', '{{raw text}}');
    expect(() => renderer.render('c.hbs', { text: 'x' })).toThrow();
  });

  it('refuses a helper given a non-string where it needs text', () => {
    write('d.hbs', '{{comment value}}');
    expect(() => renderer.render('d.hbs', { value: { toString: () => '*/' } })).toThrow(/takes a string/);
  });

  it('gives no access to prototype properties', () => {
    write('e.hbs', '{{json constructor}}');
    expect(() => renderer.render('e.hbs', {})).toThrow();
  });
});
