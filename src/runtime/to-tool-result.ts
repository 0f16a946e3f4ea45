/**
 * From what the upstream answered to the MCP tool result the model reads.
 */
import type { OperationModel } from '../model/types.js';
import type { UpstreamOutcome } from './call-upstream.js';
import type { CircuitOpenOutcome } from './create-circuit-breaker.js';
import type { Redactor } from './create-redactor.js';
import { RuntimeErrorCode } from './errors.js';
import { exceedsJsonDepth } from './exceeds-json-depth.js';
import { explainNetworkCode } from './explain-network-code.js';
import type { SchemaValidator } from './schema-validator.js';
import { isJsonMediaType } from './serialize-parameter.js';
import type { ToolContent, ToolResult } from './types.js';

/** Everything besides the outcome that shapes a result. */
export interface ResultContext {
  operation: OperationModel;
  /** Method and path (no query: it may hold a key), for messages: `GET /pets/1`. */
  requestLine: string;
  /** Origin of the upstream, for network error messages. */
  origin: string;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Validator of `operation.outputSchema`, when there is one. */
  outputValidator?: SchemaValidator;
  /** Removes this call's credential values from any text. */
  redact: Redactor;
  /** Tries after the first that were made (see `sendWithRetries`). */
  retries?: number;
  /** What the answer's `Retry-After` asked for, in ms: the model is told when to try again. */
  retryAfterMs?: number;
}

/** Characters of an error body shown to the model. */
const ERROR_EXCERPT_CHARS = 2_000;

/** JSON nested deeper than this is returned as text: real APIs nest a few dozen levels. */
const MAX_JSON_DEPTH = 256;

/**
 * Maps an upstream outcome to a tool result (see DESIGN.md, "Results").
 *
 * - 2xx JSON: compact JSON text, plus `structuredContent` (wrapped as `{ result }`
 *   when `outputWrapped`) when the operation has an output schema, the body is
 *   complete and it validates. Otherwise, with an output schema, `isError`:
 *   clients reject a success without valid structured content.
 * - 2xx text types: text; images and audio: image/audio content when complete;
 *   other binary: a one-line summary; empty: `HTTP 204 No Content`.
 * - 3xx: `isError`, naming only the origin of `Location` (never followed).
 * - 4xx/5xx: `isError`, status line and a bounded body excerpt.
 * - timeout, cancellation, network failure: `isError` with a short reason.
 * - an open circuit: `isError` with `OMCP_UPSTREAM_CIRCUIT_OPEN` and when to call again.
 *
 * Bodies over `maxResponseBytes` end with `[truncated: showed N of M bytes]`. Every
 * text, and the structured content, goes through `redact`.
 */
export function toToolResult(
  outcome: UpstreamOutcome | CircuitOpenOutcome,
  context: ResultContext,
): ToolResult {
  const result = mapOutcome(outcome, context);
  if (result.isError === true) {
    const note = retryNote(context);
    const last = result.content[result.content.length - 1];
    if (note !== '' && last?.type === 'text') last.text = `${last.text}\n${note}`;
  }
  for (const block of result.content) {
    if (block.type === 'text') block.text = context.redact(block.text);
  }
  return result;
}

function mapOutcome(outcome: UpstreamOutcome | CircuitOpenOutcome, context: ResultContext): ToolResult {
  switch (outcome.kind) {
    case 'timeout':
      return errorText(
        `Upstream did not answer within ${formatSeconds(context.timeoutMs)} (${context.requestLine}); the call was aborted.`,
      );
    case 'cancelled':
      return errorText(`The call was cancelled (${context.requestLine}).`);
    case 'network':
      return errorText(
        `Could not reach the upstream ${context.origin} (${explainNetworkCode(outcome.code)}) for ${context.requestLine}.`,
      );
    case 'refused':
      return errorText(outcome.message);
    case 'circuit-open': {
      const { refusal } = outcome;
      const state = refusal.probing
        ? 'its circuit is half-open and another call is probing it'
        : 'its circuit is open';
      return errorText(
        `${RuntimeErrorCode.UPSTREAM_CIRCUIT_OPEN}: the upstream ${context.origin} failed ${refusal.failures} times in a row (last: ${refusal.lastFailure}) and ${state}, so ${context.requestLine} was not sent; retry the call in ${formatSeconds(Math.max(1000, Math.ceil(refusal.retryInMs / 1000) * 1000))}.`,
      );
    }
    case 'response':
      return mapResponse(outcome, context);
  }
}

type Response = Extract<UpstreamOutcome, { kind: 'response' }>;

function mapResponse(response: Response, context: ResultContext): ToolResult {
  const { status } = response;
  const statusLine = `HTTP ${status}${response.statusText === '' ? '' : ` ${response.statusText}`}`;
  if (status >= 300 && status < 400) {
    const location = response.headers.location;
    const target = location === undefined ? undefined : originOf(location, context.origin);
    return errorText(
      target === undefined ? statusLine : `${statusLine}: upstream redirected to ${target} — not followed.`,
    );
  }
  const mediaType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (status < 200 || status >= 300) {
    // A body still in a coding we cannot undo is bytes, not text.
    const shown = response.encoding === undefined && (isTextual(mediaType) || mediaType === '');
    const excerpt = shown ? decodeText(response, context) : '';
    const body =
      excerpt.length > ERROR_EXCERPT_CHARS
        ? `${excerpt.slice(0, ERROR_EXCERPT_CHARS)}\n[excerpt: first ${ERROR_EXCERPT_CHARS} characters]`
        : excerpt;
    return errorText(body.trim() === '' ? statusLine : `${statusLine}\n${body}`);
  }

  const hasOutputSchema = context.operation.outputSchema !== undefined;
  if (response.body.length === 0 && !response.truncated) {
    if (!hasOutputSchema) return { content: [{ type: 'text', text: statusLine }] };
    return errorText(
      `${statusLine}: the call succeeded but returned no body, so there is no result matching the tool's output schema.`,
    );
  }

  if (response.encoding !== undefined) {
    const content: ToolContent = {
      type: 'text',
      text: `Response in the ${response.encoding} content coding (${describeSize(response)}) not shown: it cannot be decoded.`,
    };
    return hasOutputSchema ? { content: [content], isError: true } : { content: [content] };
  }

  if (isJsonMediaType(mediaType)) return mapJson(response, context, statusLine);

  let content: ToolContent;
  if (isTextual(mediaType) || mediaType === '') {
    content = { type: 'text', text: withMarker(decodeText(response, context), response) };
  } else if ((mediaType.startsWith('image/') || mediaType.startsWith('audio/')) && !response.truncated) {
    const data = Buffer.from(response.body).toString('base64');
    content = mediaType.startsWith('image/')
      ? { type: 'image', data, mimeType: mediaType }
      : { type: 'audio', data, mimeType: mediaType };
  } else {
    content = { type: 'text', text: `Binary response (${mediaType}, ${describeSize(response)}) not shown.` };
  }
  if (!hasOutputSchema) return { content: [content] };
  return {
    content: [
      content,
      {
        type: 'text',
        text: `The response is ${mediaType || 'untyped'}, not the JSON the tool's output schema declares.`,
      },
    ],
    isError: true,
  };
}

function mapJson(response: Response, context: ResultContext, statusLine: string): ToolResult {
  const raw = decodeText(response, context);
  const { operation } = context;
  if (response.truncated) {
    const text = withMarker(raw, response);
    return operation.outputSchema === undefined
      ? { content: [{ type: 'text', text }] }
      : errorText(`${text}\nThe response was too large to return as structured content.`);
  }
  if (exceedsJsonDepth(raw, MAX_JSON_DEPTH)) {
    const note = `[shown as text: the JSON nests deeper than ${MAX_JSON_DEPTH} levels]`;
    return operation.outputSchema === undefined
      ? { content: [{ type: 'text', text: `${raw}\n${note}` }] }
      : errorText(`${statusLine}: ${note}:\n${raw}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return operation.outputSchema === undefined
      ? { content: [{ type: 'text', text: raw }] }
      : errorText(`${statusLine}: the response declared JSON but is not valid JSON:\n${raw}`);
  }
  // Compact: the model pays for every indentation byte of a pretty-printed upstream.
  const text = JSON.stringify(value);
  if (operation.outputSchema === undefined || context.outputValidator === undefined) {
    return { content: [{ type: 'text', text }] };
  }
  const structured = operation.outputWrapped ? { result: value } : value;
  const check = context.outputValidator.check(structured);
  if (check.ok || 'compileError' in check) {
    // An output schema Ajv cannot compile is no reason to withhold the data; clients get it as is.
    if (typeof structured === 'object' && structured !== null && !Array.isArray(structured)) {
      return { content: [{ type: 'text', text }], structuredContent: structured as Record<string, unknown> };
    }
  }
  const reasons = check.ok || 'compileError' in check ? ['(root): must be an object'] : check.errors;
  return errorText(
    `${text}\nThe response does not match the tool's declared output schema:\n${reasons
      .slice(0, 5)
      .map((r) => `- ${r}`)
      .join('\n')}`,
  );
}

/** What a failed result adds about retries: how many were made, and when the upstream asked to be tried again. */
function retryNote(context: ResultContext): string {
  const notes: string[] = [];
  if (context.retries !== undefined && context.retries > 0) {
    notes.push(`Tried ${context.retries + 1} times.`);
  }
  if (context.retryAfterMs !== undefined) {
    notes.push(
      `The upstream asks to be called again in ${formatSeconds(Math.max(1000, Math.ceil(context.retryAfterMs / 1000) * 1000))} (Retry-After); retry the call after that.`,
    );
  }
  return notes.join(' ');
}

function errorText(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** Media types shown as text besides `text/*`. */
function isTextual(mediaType: string): boolean {
  return (
    mediaType.startsWith('text/') ||
    isJsonMediaType(mediaType) ||
    mediaType.endsWith('+xml') ||
    mediaType === 'image/svg+xml' ||
    /^application\/(xml|yaml|x-yaml|javascript|ecmascript|x-www-form-urlencoded|csv|graphql|x-ndjson|jsonl|problem\+json|sql)$/.test(
      mediaType,
    )
  );
}

/**
 * The body as text (its declared charset, else UTF-8), with credential values
 * redacted before anything parses it, so structured content is clean too.
 * A truncated body is cut at a character boundary.
 */
function decodeText(response: Response, context: ResultContext): string {
  const charset = /charset="?([^";\s]+)"?/i.exec(response.headers['content-type'] ?? '')?.[1];
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  let bytes = response.body;
  if (response.truncated && decoder.encoding === 'utf-8') {
    let end = bytes.length;
    // Back off continuation bytes so the last character is not replaced by U+FFFD.
    while (end > 0 && end > bytes.length - 4 && (bytes[end - 1]! & 0xc0) === 0x80) end -= 1;
    if (end > 0 && bytes[end - 1]! >= 0xc0) end -= 1;
    bytes = bytes.subarray(0, end);
  }
  return context.redact(decoder.decode(bytes));
}

function withMarker(text: string, response: Response): string {
  if (!response.truncated) return text;
  return `${text}\n[truncated: showed ${response.body.length} of ${describeTotal(response)} bytes]`;
}

function describeTotal(response: Response): string {
  return response.declaredLength !== undefined && response.declaredLength > response.body.length
    ? String(response.declaredLength)
    : `more than ${response.body.length}`;
}

function describeSize(response: Response): string {
  return response.truncated ? `${describeTotal(response)} bytes` : `${response.body.length} bytes`;
}

function originOf(location: string, base: string): string | undefined {
  try {
    return new URL(location, base).origin;
  } catch {
    return undefined;
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(seconds < 1 ? 2 : 1).replace(/0+$/, '')} s`;
}
