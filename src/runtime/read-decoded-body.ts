/**
 * Reads an upstream body as the bytes it stands for, and no more of them than
 * the cap. We ask for `identity`, but an upstream may compress anyway: gzip,
 * deflate and br are decoded as they stream in, and the cap counts decoded
 * bytes, so a small gzip bomb stops at the cap (SECURITY.md §G 42).
 */
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export interface DecodedBody {
  /** At most `maxBytes` bytes: decoded, unless `encoding` is set. */
  bytes: Uint8Array;
  /** True when there was more and reading stopped. */
  truncated: boolean;
  /** True when a content coding was undone (the declared length is then not the body's). */
  decoded: boolean;
  /** A content coding we cannot undo (`zstd`, `compress`...): `bytes` are still encoded. */
  encoding?: string;
}

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Decodes `body` by its `Content-Encoding` (codings applied in order, undone
 * in reverse) and reads at most `maxBytes` of the result. Rejects when the
 * stream fails or a coding is corrupt (the zlib error has a code, e.g. `Z_DATA_ERROR`).
 */
export async function readDecodedBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<DecodedBody> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  const unknown = codings.find((coding) => DECODERS[coding] === undefined);
  if (unknown !== undefined || codings.length === 0) {
    const read = await readCapped(body, maxBytes);
    return { ...read, decoded: false, ...(unknown !== undefined && { encoding: unknown }) };
  }
  const decoders = codings.reverse().map((coding) => DECODERS[coding]!());
  // pipeline destroys every stage on error or when the last one is destroyed (the cap).
  const decoded = pipeline([body, ...decoders], () => undefined) as unknown as Readable;
  const read = await readCapped(decoded, maxBytes);
  if (!body.destroyed) discard(body);
  return { ...read, decoded: true };
}

/** Stops reading `body` and closes its connection. */
export function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/**
 * Reads at most `maxBytes` of `body`, counting as it goes; beyond that it stops
 * and destroys the stream (closing the connection) instead of buffering the rest.
 */
async function readCapped(
  body: Readable,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      if (size + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    if (!body.destroyed) discard(body);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes, truncated };
}
