/** Types of bench/large-spec.mjs, which test/helpers/sized-spec.ts uses too (one generator, not two). */
export function replicateSpec(base: Record<string, unknown>, count: number): Record<string, unknown>;
export function buildSyntheticSpec(count: number): Record<string, unknown>;
export function writeLargeSpec(dir: string, count: number, basePath?: string): Promise<string>;
