// A spec of any number of operations, for the scale and cold-start benches:
// written into a temp folder, never committed. Either synthetic (the same
// shape test/helpers/sized-spec.ts uses, from here: list/create/get/delete per resource
// through shared components) or a corpus spec's paths replicated under
// /copyN prefixes (operationIds suffixed), sharing that spec's components.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** A JSON spec (a Swagger 2.0 or OpenAPI 3 document) with `count` operations made from `base`'s. */
export function replicateSpec(base, count) {
  const paths = {};
  let made = 0;
  for (let copy = 0; made < count; copy++) {
    const before = made;
    for (const [path, item] of Object.entries(base.paths ?? {})) {
      if (made >= count) break;
      const kept = {};
      for (const [key, value] of Object.entries(item)) {
        if (!METHODS.includes(key)) {
          kept[key] = value;
          continue;
        }
        if (made >= count) continue;
        kept[key] =
          copy === 0 || value.operationId === undefined
            ? value
            : { ...value, operationId: `${value.operationId}_${copy}` };
        made += 1;
      }
      paths[copy === 0 ? path : `/copy${copy}${path}`] = kept;
    }
    if (made === before) throw new Error('the base spec has no operations');
  }
  return { ...base, info: { ...base.info, title: `${base.info?.title ?? 'API'} x${count}` }, paths };
}

export function buildSyntheticSpec(count) {
  const paths = {};
  const schemas = {
    Error: {
      type: 'object',
      required: ['message'],
      properties: { message: { type: 'string' }, code: { type: 'integer' } },
    },
    Page: {
      type: 'object',
      properties: { next: { type: 'string', nullable: true }, total: { type: 'integer' } },
    },
  };
  const error = {
    description: 'error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  let made = 0;
  for (let r = 0; made < count; r++) {
    const name = `Thing${r}`;
    schemas[name] = {
      type: 'object',
      required: ['name'],
      properties: {
        id: { type: 'string', readOnly: true },
        name: { type: 'string', description: `The name of thing ${r}.` },
        size: { type: 'integer', minimum: 0 },
        tags: { type: 'array', items: { type: 'string' } },
        parent: { $ref: '#/components/schemas/Page' },
      },
    };
    const ref = { $ref: `#/components/schemas/${name}` };
    const json = (schema) => ({ 'application/json': { schema } });
    const ops = {
      list: {
        get: {
          operationId: `list${name}s`,
          summary: `List things of kind ${r}`,
          tags: [`group${r % 50}`],
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            200: { description: 'ok', content: json({ type: 'array', items: ref }) },
            default: error,
          },
        },
        post: {
          operationId: `create${name}`,
          summary: `Create a thing of kind ${r}`,
          tags: [`group${r % 50}`],
          requestBody: { required: true, content: json(ref) },
          responses: { 201: { description: 'created', content: json(ref) }, default: error },
        },
      },
      one: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: `get${name}`,
          summary: `Get one thing of kind ${r}`,
          responses: { 200: { description: 'ok', content: json(ref) }, default: error },
        },
        delete: {
          operationId: `delete${name}`,
          summary: `Delete one thing of kind ${r}`,
          responses: { 204: { description: 'deleted' }, default: error },
        },
      },
    };
    for (const [key, item] of Object.entries(ops)) {
      const kept = {};
      for (const [method, op] of Object.entries(item)) {
        if (method !== 'parameters' && made >= count) continue;
        kept[method] = op;
        if (method !== 'parameters') made += 1;
      }
      if (Object.keys(kept).some((method) => method !== 'parameters')) {
        paths[key === 'list' ? `/things${r}` : `/things${r}/{id}`] = kept;
      }
    }
  }
  return {
    openapi: '3.0.3',
    info: { title: `Large API (${count} operations)`, version: '1.0.0' },
    servers: [{ url: 'http://127.0.0.1:9' }],
    paths,
    components: { schemas },
  };
}

/**
 * Writes a spec of `count` operations into `dir` and returns its path: from
 * `basePath` (a JSON or YAML corpus spec) when given, else synthetic.
 */
export async function writeLargeSpec(dir, count, basePath) {
  let spec;
  if (basePath) {
    const text = readFileSync(basePath, 'utf8');
    const base = text.trimStart().startsWith('{') ? JSON.parse(text) : (await import('js-yaml')).load(text);
    spec = replicateSpec(base, count);
  } else {
    spec = buildSyntheticSpec(count);
  }
  const file = join(dir, `large-${count}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}
