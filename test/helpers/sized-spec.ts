/**
 * A synthetic OpenAPI 3.0 spec of any size, for start-up tests: `count`
 * operations over `count / 4` resources (list, create, get, delete), each with
 * path and query parameters, a JSON body and responses through shared
 * components, like a real vendor spec. Generated, never committed. The
 * generator is the benches' own (bench/large-spec.mjs), so tests and benches
 * measure the same shape. (large-spec.ts is lighter per operation: tool modes.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSyntheticSpec } from '../../bench/large-spec.mjs';

/** The spec document with `count` operations (a multiple of 4 is exact). */
export const buildLargeSpec: (count: number) => Record<string, unknown> = buildSyntheticSpec;

/** Writes {@link buildLargeSpec}`(count)` as JSON into `dir`; returns its path. */
export function writeLargeSpec(dir: string, count: number): string {
  const file = join(dir, `large-${count}.json`);
  writeFileSync(file, JSON.stringify(buildLargeSpec(count)));
  return file;
}
