/**
 * The last line of defence for secrets: every text the runtime produces for a
 * call passes through a redactor built from that call's credential values.
 */

/** Replaces every occurrence of a secret in `text` with `[REDACTED]`. */
export type Redactor = (text: string) => string;

/**
 * Builds a redactor for `secrets`. Each secret is also matched in the forms an
 * upstream may echo it back in: percent-encoded (a query value), form-encoded and
 * JSON-escaped. Longer forms are replaced first so a secret that contains another
 * is removed whole.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  const ordered = [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of ordered) {
      if (out.includes(form)) out = out.split(form).join('[REDACTED]');
    }
    return out;
  };
}
