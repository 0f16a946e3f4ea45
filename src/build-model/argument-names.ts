/**
 * What each tool argument is called: its own name when unique; on a clash the
 * clashing names get their location as a prefix (`path_id`, `query_id`,
 * `body_id`), numbered when the prefixed name is taken too. The model records
 * the mapping, so both back ends agree (DESIGN.md "Arguments").
 */
import { DiagnosticCode } from '../diagnostics.js';
import type { ArgumentLocation } from '../model/types.js';
import type { ArgumentCandidate } from './arguments-input.js';
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
  return candidates.map((c) => {
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
}

function describe(location: ArgumentLocation): string {
  return location === 'body-property'
    ? 'body property'
    : location === 'body'
      ? 'request body'
      : `${location} parameter`;
}
