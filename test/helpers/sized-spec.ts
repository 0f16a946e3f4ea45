/**
 * A synthetic OpenAPI 3.0 spec of any size, for start-up tests (shared components, bodies: heavier per operation than large-spec.ts, which tests tool modes): `count`
 * operations over `count / 4` resources (list, create, get, delete), each with
 * path and query parameters, a JSON body and responses through shared
 * components, like a real vendor spec. Generated, never committed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The spec document with `count` operations (a multiple of 4 is exact). */
export function buildLargeSpec(count: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
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
    const json = (schema: unknown) => ({ 'application/json': { schema } });
    const ops: Record<string, Record<string, unknown>> = {
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
      const kept: Record<string, unknown> = {};
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

/** Writes {@link buildLargeSpec}`(count)` as JSON into `dir`; returns its path. */
export function writeLargeSpec(dir: string, count: number): string {
  const file = join(dir, `large-${count}.json`);
  writeFileSync(file, JSON.stringify(buildLargeSpec(count)));
  return file;
}
