/**
 * What each tool argument is called: its own name when unique; on a clash the
 * clashing names get their location as a prefix (`path_id`, `query_id`,
 * `body_id`), numbered when the prefixed name is taken too. A name no client
 * accepts (`include[]`) is then cleaned (`include`), numbered if that is
 * taken. The model records the mapping, so both back ends agree (DESIGN.md
 * "Arguments").
 */
import { DiagnosticCode } from '../diagnostics.js';
import type { ArgumentLocation } from '../model/types.js';
import type { ArgumentCandidate } from './arguments-input.js';
import { CLIENT_SAFE_ARGUMENT_NAME, toClientSafeArgumentName } from './client-safe-argument-name.js';
import type { DiagnosticSink } from './diagnostic-sink.js';

/** The final name of each candidate (same order); each rename is reported at `pointer`. */
export function assignArgumentNames(
  candidates: readonly ArgumentCandidate[],
  sink: DiagnosticSink,
  pointer: string,
): string[] {
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  const taken = new Set(candidates.filter((c) => counts.get(c.name) === 1).map((c) => c.name));
  const unique = candidates.map((c) => {
    if (counts.get(c.name) === 1) return c.name;
    const base = `${c.prefix}_${c.name}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    sink.add(
      DiagnosticCode.ARGUMENT_RENAMED,
      `Argument "${c.name}" (${describe(c.argument.in)}) is named "${name}" because another input has the same name.`,
      { pointer },
    );
    return name;
  });
  const final = new Set(unique.filter((name) => CLIENT_SAFE_ARGUMENT_NAME.test(name)));
  return unique.map((name, i) => {
    if (CLIENT_SAFE_ARGUMENT_NAME.test(name)) return name;
    const base = toClientSafeArgumentName(name);
    let safe = base;
    for (let n = 2; final.has(safe); n++) safe = `${base.slice(0, 60)}_${n}`;
    final.add(safe);
    const c = candidates[i] as ArgumentCandidate;
    sink.add(
      DiagnosticCode.ARGUMENT_NAME_CLEANED,
      `Argument "${name}" (${describe(c.argument.in)}) is named "${safe}": clients refuse names outside [a-zA-Z0-9_.-]{1,64}.`,
      { pointer },
    );
    return safe;
  });
}

function describe(location: ArgumentLocation): string {
  return location === 'body-property'
    ? 'body property'
    : location === 'body'
      ? 'request body'
      : `${location} parameter`;
}
