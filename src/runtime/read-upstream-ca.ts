/**
 * Reads the operator's extra CA certificates for upstream TLS (`--upstream-ca
 * FILE`) once, at start-up, so a missing or garbled file is an options error
 * naming the flag, not a TLS failure on every call.
 *
 * Vendored byte for byte into generated projects: imports nothing of ours
 * outside this folder.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The PEM text of every certificate in `path`; throws a one-sentence `Error` (the caller names the flag). */
export function readUpstreamCa(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(`could not read "${path}"${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0)
    throw new Error(`"${path}" holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch {
      throw new Error(`certificate ${index + 1} in "${path}" cannot be parsed`);
    }
  });
  // Only the certificates: whatever else the file holds (a private key by mistake) goes nowhere.
  return blocks.join('\n');
}
