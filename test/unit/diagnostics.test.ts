import { describe, expect, it } from 'vitest';
import {
  createDiagnostic,
  DiagnosticCode,
  diagnosticEntry,
  formatDiagnostic,
} from '../../src/diagnostics.js';

describe('createDiagnostic', () => {
  it('takes the severity and help of its kind from the catalogue', () => {
    const entry = diagnosticEntry(DiagnosticCode.NO_SERVER);
    expect(entry.severity).toBe('info');
    expect(createDiagnostic(DiagnosticCode.NO_SERVER, 'no server')).toEqual({
      code: 'OMCP_NO_SERVER',
      severity: 'info',
      message: 'no server',
      help: entry.help,
    });
  });

  it('lets one diagnostic be more specific than its kind', () => {
    const d = createDiagnostic(DiagnosticCode.PARAMETER_DROPPED, 'dropped', {
      pointer: '/paths/~1a/get/parameters/0',
      severity: 'info',
      help: 'A more specific help.',
    });
    expect(d).toEqual({
      code: 'OMCP_PARAMETER_DROPPED',
      severity: 'info',
      message: 'dropped',
      pointer: '/paths/~1a/get/parameters/0',
      help: 'A more specific help.',
    });
    expect(diagnosticEntry(DiagnosticCode.PARAMETER_DROPPED).severity).toBe('warning');
  });
});

describe('formatDiagnostic', () => {
  it('is one line with severity, code, pointer, message and help', () => {
    expect(
      formatDiagnostic(createDiagnostic(DiagnosticCode.REF_DROPPED, 'gone', { pointer: '/x-a', help: 'h' })),
    ).toBe('warning OMCP_REF_DROPPED at /x-a: gone (h)');
  });
});
