/**
 * A `Retry-After` header (RFC 9110 §10.2.3) as milliseconds to wait from
 * `wallNow`: delay-seconds (`120`) or an HTTP date (a date already past waits 0).
 * Anything else (negative, fractional, garbage) is `undefined`: the caller
 * falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, wallNow: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  // HTTP dates start with a day name (IMF-fixdate, RFC 850, asctime); Date.parse reads all three.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  // asctime carries no zone, and HTTP dates are always GMT (Date.parse would read local time).
  const at = Date.parse(/\b(GMT|UTC)\b/i.test(text) ? text : `${text} GMT`);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, at - wallNow);
}
