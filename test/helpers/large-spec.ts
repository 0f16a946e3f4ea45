/**
 * A synthetic OpenAPI 3.1 spec of many operations (CRUD over numbered
 * resources), written to a temporary folder: what `--tools auto` must switch to
 * discovery for, without reading the corpus.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NOUNS = [
  'widget',
  'gadget',
  'report',
  'invoice',
  'ticket',
  'device',
  'project',
  'member',
  'folder',
  'alert',
];

/** Writes `<dir>/large.json` with `operations` operations (five per resource) and returns its path. */
export function writeLargeSpec(dir: string, operations = 300): string {
  const paths: Record<string, Record<string, unknown>> = {};
  const resources = Math.ceil(operations / 5);
  let written = 0;
  for (let r = 0; r < resources && written < operations; r++) {
    const noun = `${NOUNS[r % NOUNS.length]}${Math.floor(r / NOUNS.length)}`;
    const collection = `/${noun}s`;
    const item = `/${noun}s/{id}`;
    const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
    const body = {
      required: true,
      content: {
        'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } },
      },
    };
    const ops: Array<[string, string, Record<string, unknown>]> = [
      [collection, 'get', { operationId: `list_${noun}s`, summary: `List ${noun}s` }],
      [collection, 'post', { operationId: `create_${noun}`, summary: `Create a ${noun}`, requestBody: body }],
      [item, 'get', { operationId: `get_${noun}`, summary: `Get a ${noun}`, parameters: [idParam] }],
      [
        item,
        'put',
        {
          operationId: `update_${noun}`,
          summary: `Update a ${noun}`,
          parameters: [idParam],
          requestBody: body,
        },
      ],
      [item, 'delete', { operationId: `delete_${noun}`, summary: `Delete a ${noun}`, parameters: [idParam] }],
    ];
    for (const [path, method, op] of ops) {
      if (written === operations) break;
      paths[path] ??= {};
      (paths[path] as Record<string, unknown>)[method] = {
        ...op,
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      };
      written += 1;
    }
  }
  const spec = {
    openapi: '3.1.0',
    info: { title: 'Large API', version: '1.0.0' },
    servers: [{ url: 'http://127.0.0.1:9/api' }],
    paths,
  };
  const file = join(dir, 'large.json');
  writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}
