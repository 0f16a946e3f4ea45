/**
 * A spec-chosen upstream host is, or resolves to, an address the policy
 * refuses. Raised by the checked connector before any socket is opened; the
 * upstream client turns it into a `refused` outcome, so its message is written
 * for the model and the operator alike (it holds no credential).
 */
import { OpenapiMcpError, RuntimeErrorCode } from './errors.js';
import type { AddressRule } from './find-address-rule.js';

export class UpstreamAddressError extends OpenapiMcpError<typeof RuntimeErrorCode.UPSTREAM_ADDRESS_REFUSED> {
  /** The host name as the URL gave it. */
  readonly host: string;
  /** The refused address (the host itself when it is an IP literal). */
  readonly address: string;
  readonly rule: AddressRule;

  constructor(host: string, address: string, rule: AddressRule) {
    const resolved = host === address ? 'is' : `resolves to ${address}, which is`;
    super(
      RuntimeErrorCode.UPSTREAM_ADDRESS_REFUSED,
      `${RuntimeErrorCode.UPSTREAM_ADDRESS_REFUSED}: the upstream host ${host} ${resolved} in ${rule.range} (${rule.reason}); the spec chose this host, so nothing was sent. Name the upstream with --base-url, or pass --link-local-upstream allow.`,
    );
    this.host = host;
    this.address = address;
    this.rule = rule;
  }
}
