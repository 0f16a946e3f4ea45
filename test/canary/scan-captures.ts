/**
 * The teardown's search: every capture file of a run, the canary looked for
 * in each. Its own module so the self-test can run it on planted files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CanaryScan {
  /** Capture files found (one per server started). */
  files: number;
  /** Bytes searched. */
  bytes: number;
  /** `file:line` of each hit, with the line's start (the canary itself masked). */
  hits: string[];
}

export function scanCaptures(dir: string, secret: string): CanaryScan {
  const scan: CanaryScan = { files: 0, bytes: 0, hits: [] };
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.log')) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    scan.files += 1;
    scan.bytes += Buffer.byteLength(text);
    if (!text.includes(secret)) continue;
    text.split('\n').forEach((line, index) => {
      if (line.includes(secret)) {
        scan.hits.push(`${name}:${index + 1}: ${line.replaceAll(secret, '<CANARY>').slice(0, 200)}`);
      }
    });
  }
  return scan;
}

/** Why the run fails, or `undefined` when it passes. */
export function judgeScan(scan: CanaryScan): string | undefined {
  if (scan.hits.length > 0) {
    return `the canary secret leaked into ${scan.hits.length} output line(s):\n${scan.hits.join('\n')}`;
  }
  if (scan.files > 0 && scan.bytes === 0) {
    return `${scan.files} server(s) started but no output was captured: the canary capture is broken`;
  }
  return undefined;
}
