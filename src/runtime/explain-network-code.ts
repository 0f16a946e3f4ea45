/**
 * A few words for the network failures a reader cannot guess from the code
 * alone: TLS certificate problems and DNS failures. The code itself is always
 * shown too (it is what a search finds); other codes (`ECONNREFUSED`...) speak
 * for themselves.
 *
 * Vendored byte for byte into generated projects: imports nothing of ours
 * outside this folder.
 */

const UNTRUSTED = 'TLS certificate not trusted';

/** OpenSSL's verify codes and Node's TLS codes, as `tls.connect` reports them. */
const EXPLANATIONS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: `${UNTRUSTED}: it is self-signed`,
  SELF_SIGNED_CERT_IN_CHAIN: `${UNTRUSTED}: its chain ends in a self-signed CA`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: `${UNTRUSTED}: signed by an unknown CA`,
  UNABLE_TO_GET_ISSUER_CERT: `${UNTRUSTED}: signed by an unknown CA`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `${UNTRUSTED}: signed by an unknown CA`,
  CERT_UNTRUSTED: UNTRUSTED,
  CERT_REJECTED: `${UNTRUSTED}: rejected`,
  CERT_REVOKED: `${UNTRUSTED}: revoked`,
  CERT_SIGNATURE_FAILURE: `${UNTRUSTED}: its signature is invalid`,
  INVALID_CA: `${UNTRUSTED}: its issuer is not a CA`,
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  CERT_NOT_YET_VALID: 'TLS certificate not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate is for another host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed: the upstream may not speak TLS on this port',
  EPROTO: 'TLS handshake failed',
  ENOTFOUND: 'host name not found in DNS',
  EAI_AGAIN: 'DNS lookup failed for now',
};

/** `CODE: what it means`, or just `CODE`. */
export function explainNetworkCode(code: string): string {
  const explanation = Object.hasOwn(EXPLANATIONS, code) ? EXPLANATIONS[code] : undefined;
  return explanation === undefined ? code : `${code}: ${explanation}`;
}
