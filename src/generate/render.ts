/**
 * Handlebars, configured once per renderer: an isolated environment (no global
 * registry), `strict` so a missing view field fails loudly, `knownHelpersOnly`
 * so a template can call nothing but the helpers below, and none of the
 * `allowProto*` options (CVE-2019-19919 / CVE-2021-23383 class). Only our own
 * templates are ever compiled; spec text is data handed to helpers, never a
 * template.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import {
  toCommentText,
  toHtmlCommentText,
  toIdentifier,
  toJsLiteral,
  toLineText,
  toMarkdownText,
} from './template-helpers.js';

/** Helper name → function; the complete set a template may use. */
export const TEMPLATE_HELPERS = {
  json: toJsLiteral,
  comment: toCommentText,
  line: toLineText,
  md: toMarkdownText,
  htmlComment: toHtmlCommentText,
  ident: toIdentifier,
} as const;

/** The options every template is compiled with (checked by a unit test). */
export const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(TEMPLATE_HELPERS).map((name) => [name, true])),
  // Escaping stays on: a template expression that bypassed the helpers would
  // come out HTML-escaped (visibly wrong) rather than raw.
  noEscape: false,
};

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;

/** Renders named templates from one folder. */
export interface Renderer {
  /** Renders `templates/<name>` with `view`; throws on a missing field or an unsafe identifier. */
  render(name: string, view: object): string;
}

/** Creates a renderer over the `.hbs` files in `templatesDir`, compiling each on first use. */
export function createRenderer(templatesDir: URL): Renderer {
  const env = Handlebars.create();
  for (const [name, helper] of Object.entries(TEMPLATE_HELPERS)) {
    env.registerHelper(name, (value: unknown, options: unknown) => {
      // Handlebars passes its options object last; a helper used without an
      // argument would receive it as `value`.
      if (options === undefined) throw new TypeError(`helper "${name}" needs one argument`);
      // Strict mode does not check helper arguments, so a missing field
      // arrives as undefined: every helper refuses it (json cannot encode it).
      if (name !== 'json' && typeof value !== 'string') {
        throw new TypeError(`helper "${name}" takes a string, got ${typeof value}`);
      }
      return new env.SafeString((helper as (input: never) => string)(value as never));
    });
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  return {
    render(name, view) {
      let template = compiled.get(name);
      if (template === undefined) {
        const source = readFileSync(new URL(name, templatesDir), 'utf8');
        template = env.compile(source, COMPILE_OPTIONS);
        compiled.set(name, template);
      }
      return template(view);
    },
  };
}
