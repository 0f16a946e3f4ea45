/**
 * The bytes of a `multipart/form-data` body (RFC 7578), encoded here rather
 * than by an HTTP library's FormData so that building a request stays pure
 * data and loads no HTTP client (undici is loaded at the first call, not
 * before the first `tools/list`).
 */
import { randomBytes } from 'node:crypto';

/** One part: a field (`value` a string, no type) or a file (`fileName`, a type, any bytes). */
export interface MultipartPart {
  name: string;
  value: string | Uint8Array;
  contentType?: string;
  fileName?: string;
}

/** An encoded body and the boundary its `Content-Type` must name. */
export interface EncodedMultipart {
  body: Uint8Array;
  boundary: string;
}

/**
 * Encodes `parts` in order. Names and file names are escaped as browsers do
 * (`"` CR LF percent-encoded), so no value can end its part's headers early;
 * the boundary is random (it cannot be guessed to forge a part), and a part
 * type with a control character throws: it would be a header of its own.
 */
export function encodeMultipart(
  parts: readonly MultipartPart[],
  boundary = randomBoundary(),
): EncodedMultipart {
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(part.name)}"`;
    if (part.fileName !== undefined) head += `; filename="${escapeQuoted(part.fileName)}"`;
    if (part.contentType !== undefined) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
      if (/[\u0000-\u001f\u007f]/.test(part.contentType))
        throw new TypeError(`part "${part.name}" has a content type with a control character`);
      head += `\r\nContent-Type: ${part.contentType}`;
    }
    chunks.push(encoder.encode(`${head}\r\n\r\n`));
    chunks.push(typeof part.value === 'string' ? encoder.encode(part.value) : part.value);
    chunks.push(encoder.encode('\r\n'));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), boundary };
}

function escapeQuoted(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function randomBoundary(): string {
  return `----openapi-mcp-${randomBytes(16).toString('hex')}`;
}
