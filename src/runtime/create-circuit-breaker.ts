/**
 * Whether a call may reach its origin at all. After `failures` failed calls in
 * a row the origin's circuit opens and every call fails fast, without a
 * packet, for a cool-down; then exactly one probe goes through, and its
 * outcome closes the circuit or opens it for another cool-down (the breaker of
 * Nygard's "Release It!", counted like Envoy's consecutive gateway failures).
 * An upstream that is down then gets one request per cool-down instead of
 * every call and its retries.
 */
import type { CircuitVerdict } from './circuit-verdict.js';
import type { Clock } from './system-clock.js';

/** A `Retry-After` lengthens a cool-down up to this, however long it asks for. */
export const MAX_RETRY_AFTER_COOLDOWN_MS = 5 * 60_000;

/** How soon a call refused while the probe is out is told to come back. */
const PROBE_PENDING_RETRY_MS = 1_000;

export interface CircuitBreakerOptions {
  /** Failed calls in a row that open an origin's circuit (1 or more). */
  failures: number;
  /** How long an open circuit refuses calls before one probe may go through. */
  cooldownMs: number;
  clock: Clock;
  /** Told of each opening and closing, once each, to log it. */
  onChange(change: CircuitChange): void;
}

export interface CircuitChange {
  origin: string;
  /** `reopened`: the probe failed and the circuit is open for another cool-down. */
  state: 'opened' | 'reopened' | 'closed';
  /** Failed calls in a row when it opened. */
  failures: number;
  /** The failure that opened it (`HTTP 503`, `ECONNREFUSED`, `timeout`); safe to log. */
  lastFailure: string;
  /** How long it stays open (0 when closed). */
  cooldownMs: number;
}

/** Why a call was not let through, and when to come back. */
export interface CircuitRefusal {
  /** Milliseconds until a call may be let through again (at least 1). */
  retryInMs: number;
  /** Failed calls in a row that opened the circuit. */
  failures: number;
  /** The failure that opened it; safe to show. */
  lastFailure: string;
  /** True when the cool-down is over and another call is the probe now. */
  probing: boolean;
}

/** What a call gets instead of an upstream answer when the circuit refused it. */
export interface CircuitOpenOutcome {
  kind: 'circuit-open';
  refusal: CircuitRefusal;
}

/** A call let through; `report` tells the breaker how it went (once; later reports are ignored). */
export interface CircuitTicket {
  admitted: true;
  /** True for the one call of a half-open circuit that decides whether it closes. */
  probe: boolean;
  report(verdict: CircuitVerdict, retryAfterMs?: number): void;
}

export type CircuitAdmission = CircuitTicket | ({ admitted: false } & CircuitRefusal);

export interface CircuitBreaker {
  /** Lets a call through (claiming the probe of a half-open circuit) or refuses it. */
  admit(origin: string): CircuitAdmission;
  /** The refusal `admit` would give now, without claiming the probe: lets a call skip the queue. */
  refusal(origin: string): CircuitRefusal | undefined;
}

interface OriginCircuit {
  state: 'closed' | 'open' | 'half-open';
  /** Failed calls in a row (closed), or those that opened it (open, half-open). */
  failures: number;
  lastFailure: string;
  /** When an open circuit lets a probe through, on `clock.now()`'s scale. */
  openUntil: number;
  /** Half-open: the probe is out. */
  probing: boolean;
}

/** One circuit per origin, state passed in nowhere else: origins never affect each other. */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { clock } = options;
  /** Only origins with a failure on record: a healthy origin costs nothing. */
  const circuits = new Map<string, OriginCircuit>();

  function refusalOf(circuit: OriginCircuit | undefined): CircuitRefusal | undefined {
    if (circuit === undefined || circuit.state === 'closed') return undefined;
    const facts = { failures: circuit.failures, lastFailure: circuit.lastFailure };
    if (circuit.state === 'open') {
      const left = circuit.openUntil - clock.now();
      if (left > 0) return { retryInMs: Math.ceil(left), ...facts, probing: false };
      return undefined;
    }
    return circuit.probing ? { retryInMs: PROBE_PENDING_RETRY_MS, ...facts, probing: true } : undefined;
  }

  function open(origin: string, circuit: OriginCircuit, retryAfterMs: number | undefined): void {
    const state = circuit.state === 'half-open' ? 'reopened' : 'opened';
    // The upstream's own Retry-After when it asks for longer, bounded: a hostile one cannot shut us out for a day.
    const cooldownMs = Math.max(options.cooldownMs, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_COOLDOWN_MS));
    circuit.state = 'open';
    circuit.probing = false;
    circuit.openUntil = clock.now() + cooldownMs;
    options.onChange({
      origin,
      state,
      failures: circuit.failures,
      lastFailure: circuit.lastFailure,
      cooldownMs,
    });
  }

  function ticket(origin: string, probe: boolean): CircuitTicket {
    let reported = false;
    return {
      admitted: true,
      probe,
      report(verdict, retryAfterMs) {
        if (reported) return;
        reported = true;
        const circuit = circuits.get(origin);
        if (probe) {
          // Only the probe of the half-open circuit it was let through by decides.
          if (circuit?.state !== 'half-open' || !circuit.probing) return;
          if (verdict.kind === 'success') {
            circuits.delete(origin);
            options.onChange({
              origin,
              state: 'closed',
              failures: circuit.failures,
              lastFailure: circuit.lastFailure,
              cooldownMs: 0,
            });
          } else if (verdict.kind === 'failure') {
            circuit.lastFailure = verdict.reason;
            open(origin, circuit, retryAfterMs);
          } else {
            // A cancelled probe proved nothing: the next call is the probe.
            circuit.probing = false;
          }
          return;
        }
        // A call let through before the circuit opened tells nothing new once it has.
        if (circuit !== undefined && circuit.state !== 'closed') return;
        if (verdict.kind === 'success') circuits.delete(origin);
        if (verdict.kind !== 'failure') return;
        const current = circuit ?? {
          state: 'closed',
          failures: 0,
          lastFailure: '',
          openUntil: 0,
          probing: false,
        };
        current.failures += 1;
        current.lastFailure = verdict.reason;
        circuits.set(origin, current);
        if (current.failures >= options.failures) open(origin, current, retryAfterMs);
      },
    };
  }

  return {
    refusal: (origin) => refusalOf(circuits.get(origin)),
    admit(origin) {
      const circuit = circuits.get(origin);
      const refused = refusalOf(circuit);
      if (refused !== undefined) return { admitted: false, ...refused };
      if (circuit === undefined || circuit.state === 'closed') return ticket(origin, false);
      // Open and cooled down, or half-open with no probe out: this call is the probe.
      circuit.state = 'half-open';
      circuit.probing = true;
      return ticket(origin, true);
    },
  };
}
