/**
 * The two back ends a threat test runs against — `openapi-mcp serve` and a
 * project generated from the same spec — started over stdio with a v2 client,
 * plus a real upstream and a canary on 127.0.0.1. The canary must never be
 * reached: a test that expects nothing there asserts its request list is empty.
 *
 * The spec is written per test file, once the upstream and canary ports are
 * known, so it can name the canary as its own server (a spec that tries to
 * choose where requests go). One generated build per file: they are slow.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { gen, linkNodeModules, makeTempDir, runTsc } from './generated-project.js';
import { assertBuilt, type ServerLaunch, type StdioSession, startStdioSession } from './mcp-session.js';
import { type RecordingUpstream, type Route, startRecordingUpstream } from './recording-upstream.js';

export interface ThreatBackEnd {
  /** `serve` or `generated`. */
  label: string;
  /** A stdio session on this back end with `args` (after the spec, for serve) and `env`. */
  start(args: string[], env: Record<string, string>): Promise<StdioSession>;
}

export interface ThreatWorld {
  upstream: RecordingUpstream;
  canary: RecordingUpstream;
  specFile: string;
  backEnds: ThreatBackEnd[];
  close(): Promise<void>;
}

/**
 * Starts the upstream (with `routes`) and the canary, writes the spec `render`
 * returns for their URLs, generates and builds a project from it, and gives
 * both back ends.
 */
export async function startThreatWorld(
  label: string,
  routes: Record<string, Route>,
  render: (urls: { upstream: string; canary: string }) => string,
): Promise<ThreatWorld> {
  assertBuilt();
  const upstream = await startRecordingUpstream(routes);
  const canary = await startRecordingUpstream();
  const temp = makeTempDir(label);
  const specFile = join(temp, 'spec.yaml');
  writeFileSync(specFile, render({ upstream: upstream.url, canary: canary.url }));
  const project = join(temp, 'project');
  await gen([specFile, '--name', label, '--env-prefix', 'OPENAPI_MCP', '--out', project]);
  linkNodeModules(project);
  const build = await runTsc(project);
  expect(build.code, build.output).toBe(0);

  const launch = (
    entry: string[] | undefined,
    args: string[],
    env: Record<string, string>,
  ): ServerLaunch => ({
    serveArgs: args,
    env,
    ...(entry !== undefined && { entry }),
  });
  const backEnds: ThreatBackEnd[] = [
    {
      label: 'serve',
      start: (args, env) => startStdioSession('v2-auto', launch(undefined, [specFile, ...args], env)),
    },
    {
      label: 'generated',
      // As the generated `npm start` runs it.
      start: (args, env) =>
        startStdioSession(
          'v2-auto',
          launch(['--disable-proto=delete', join(project, 'dist/main.js')], args, env),
        ),
    },
  ];
  return {
    upstream,
    canary,
    specFile,
    backEnds,
    close: async () => {
      await Promise.all([upstream.close(), canary.close()]);
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/** The text of a tool result's content, joined. */
export function resultText(result: { content: Array<{ type: string; text?: string }> }): string {
  return result.content.map((part) => part.text ?? '').join('\n');
}
