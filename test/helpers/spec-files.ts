/** Small specs written into a test's temporary folder, for the loader's tests and its threat tests alike. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `text` to `dir/name` (creating folders) and returns the file's path. */
export async function writeSpecFile(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

/** A one-operation OpenAPI 3.0 spec whose response schema is `{ $ref: ref }`. */
export function specWithSchemaRef(ref: string): string {
  return JSON.stringify({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/a': {
        get: {
          responses: {
            200: { description: 'ok', content: { 'application/json': { schema: { $ref: ref } } } },
          },
        },
      },
    },
  });
}
