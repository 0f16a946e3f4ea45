/**
 * Collects diagnostics once each: shared schemas are converted for many
 * operations (and in two modes), but a problem in one of them is one problem.
 */
import { createDiagnostic, type Diagnostic, type DiagnosticCodeValue } from '../diagnostics.js';

export interface DiagnosticSink {
  readonly list: Diagnostic[];
  add(
    code: DiagnosticCodeValue,
    message: string,
    extra?: { pointer?: string; help?: string; severity?: Diagnostic['severity'] },
  ): void;
}

/** A sink that drops exact repeats (same code, pointer and message). */
export function createDiagnosticSink(): DiagnosticSink {
  const list: Diagnostic[] = [];
  const seen = new Set<string>();
  return {
    list,
    add(code, message, extra = {}) {
      const key = `${code}\u0000${extra.pointer ?? ''}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      list.push(createDiagnostic(code, message, extra));
    },
  };
}
