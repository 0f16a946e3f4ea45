import type { request } from 'undici';
import { ErrorCode, SpecLoadError } from '../errors.js';

/** Limits for one download. */
export interface FetchTextOptions {
  /** Whole-request budget (connect, redirects, body), ms. */
  timeoutMs: number;
  /** Largest body accepted, bytes. */
  maxBytes: number;
}

/** Same-origin redirects followed; a spec host has no reason to bounce more. */
const MAX_REDIRECTS = 5;

/**
 * Downloads a spec document over http(s) with a timeout and a size cap. Redirects
 * are followed only within the same origin (a redirect to another host, e.g. an
 * internal address, is refused). No credentials or cookies are sent.
 *
 * @returns the body as text and the final URL (relative refs resolve against it)
 * @throws SpecLoadError `OMCP_SPEC_READ`
 */
export async function fetchText(
  url: string,
  options: FetchTextOptions,
): Promise<{ text: string; url: string }> {
  // Loaded here, not at the top: most specs are files, and undici costs every start ~100 ms.
  const { request: send } = await import('undici');
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await send(current, {
        method: 'GET',
        headers: { accept: 'application/json, application/yaml, text/yaml, */*;q=0.5' },
        signal,
      });
    } catch (error) {
      throw readError(
        url,
        signal.aborted ? `no answer within ${options.timeoutMs} ms` : describe(error),
        error,
      );
    }
    const { statusCode, headers, body } = response;
    if (statusCode >= 300 && statusCode < 400 && headers.location !== undefined) {
      await body.dump();
      const location = Array.isArray(headers.location) ? headers.location[0] : headers.location;
      const next = new URL(location ?? '', current);
      if (next.origin !== current.origin) {
        throw readError(url, `redirected to another origin (${next.origin}); use the final URL directly`);
      }
      if (hop >= MAX_REDIRECTS) throw readError(url, `more than ${MAX_REDIRECTS} redirects`);
      current = next;
      continue;
    }
    if (statusCode < 200 || statusCode >= 300) {
      await body.dump();
      throw readError(url, `HTTP status ${statusCode}`);
    }
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      body.destroy();
      throw tooLarge(url, options.maxBytes);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of body) {
        size += (chunk as Buffer).length;
        if (size > options.maxBytes) {
          body.destroy();
          throw tooLarge(url, options.maxBytes);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof SpecLoadError) throw error;
      throw readError(
        url,
        signal.aborted ? `no answer within ${options.timeoutMs} ms` : describe(error),
        error,
      );
    }
    return { text: Buffer.concat(chunks).toString('utf8'), url: current.href };
  }
}

function readError(url: string, why: string, cause?: unknown): SpecLoadError {
  return new SpecLoadError(ErrorCode.SPEC_READ, `Cannot download ${url}: ${why}.`, { file: url, cause });
}

function tooLarge(url: string, maxBytes: number): SpecLoadError {
  return new SpecLoadError(
    ErrorCode.SPEC_READ,
    `${url} is larger than ${maxBytes} bytes, the spec size limit; raise it with --max-spec-size (e.g. --max-spec-size 1GB).`,
    { file: url },
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
