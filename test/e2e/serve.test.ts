/**
 * The shared scenario table (scenarios.ts), run for every transport × client
 * flavour against the built CLI (`node dist/bin/openapi-mcp.js serve`) and a
 * recording upstream, with the server on this Node and on Node 22 and 24.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { assertBuilt, REPO_ROOT, runCli } from '../helpers/mcp-session.js';
import {
  petstoreRoutes,
  type RecordingUpstream,
  startRecordingUpstream,
} from '../helpers/recording-upstream.js';
import { defineScenarioSuitesOnEveryNode } from './scenario-suites.js';
import type { InspectTool } from './scenarios.js';

const SPEC = join(REPO_ROOT, 'test/fixtures/e2e/petstore.yaml');
let upstream: RecordingUpstream;
let inspected: InspectTool[];

beforeAll(async () => {
  assertBuilt();
  upstream = await startRecordingUpstream(petstoreRoutes());
  const result = await runCli(['inspect', SPEC, '--json']);
  expect(result.code, result.stderr).toBe(0);
  inspected = (JSON.parse(result.stdout) as { tools: InspectTool[] }).tools;
});

afterAll(async () => {
  await upstream?.close();
});

defineScenarioSuitesOnEveryNode({
  label: '',
  args: () => [SPEC, '--base-url', `${upstream.url}/v1`, '--timeout', '1'],
  upstream: () => upstream,
  inspected: () => inspected,
});
