/**
 * Which addresses a spec may not send the operator's requests to: link-local
 * ranges and the cloud metadata services (credentials for the whole machine
 * answer there), in every spelling IPv6 gives an IPv4 address. Loopback and
 * private ranges stay allowed: developers proxy local and internal APIs.
 *
 * Vendored byte for byte into generated projects: imports nothing of ours
 * outside this folder.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** A refused range, as a message names it. */
export interface AddressRule {
  /** The range in CIDR form, e.g. `169.254.0.0/16`. */
  readonly range: string;
  /** Why it is refused, in a few words. */
  readonly reason: string;
}

interface Range extends AddressRule {
  readonly bytes: readonly number[];
  readonly bits: number;
}

const IPV4_RANGES: readonly Range[] = [
  v4('169.254.0.0', 16, 'link-local; cloud metadata services (169.254.169.254) answer there'),
  v4('100.100.100.200', 32, 'the Alibaba Cloud metadata service'),
  v4('168.63.129.16', 32, 'the Azure host agent (wireserver)'),
];

const IPV6_RANGES: readonly Range[] = [
  v6('fe80::', 10, 'IPv6 link-local'),
  v6('fd00:ec2::254', 128, 'the AWS IPv6 metadata service'),
];

/**
 * IPv6 prefixes that carry an IPv4 address in their last 32 bits: mapped
 * (`::ffff:a.b.c.d`, what a dual-stack socket connects to), compatible
 * (`::a.b.c.d`), NAT64 (`64:ff9b::/96`, translated to the IPv4 address) and
 * 6to4 (`2002:AABB:CCDD::/48`, the address sits in bits 16 to 47).
 */
const EMBEDDED_IPV4: readonly { bytes: readonly number[]; bits: number; offset: number }[] = [
  { bytes: toBytes6('::ffff:0:0'), bits: 96, offset: 12 },
  { bytes: toBytes6('::'), bits: 96, offset: 12 },
  { bytes: toBytes6('64:ff9b::'), bits: 96, offset: 12 },
  { bytes: toBytes6('2002::'), bits: 16, offset: 2 },
];

/**
 * The rule that refuses `address` (an IPv4 or IPv6 literal, brackets and zone
 * index allowed), or `undefined` when it may be connected to. A string that is
 * not an IP address gives `undefined`: names are checked once resolved.
 */
export function findAddressRule(address: string): AddressRule | undefined {
  const plain = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(plain)) return matchV4(toBytes4(plain));
  if (!isIPv6(plain)) return undefined;
  const bytes = toBytes6(plain);
  const direct = IPV6_RANGES.find((range) => matches(bytes, range.bytes, range.bits));
  if (direct !== undefined) return toRule(direct);
  for (const embedding of EMBEDDED_IPV4) {
    if (!matches(bytes, embedding.bytes, embedding.bits)) continue;
    const inner = matchV4(bytes.slice(embedding.offset, embedding.offset + 4));
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function matchV4(bytes: readonly number[]): AddressRule | undefined {
  const range = IPV4_RANGES.find((candidate) => matches(bytes, candidate.bytes, candidate.bits));
  return range === undefined ? undefined : toRule(range);
}

function toRule(range: Range): AddressRule {
  return { range: range.range, reason: range.reason };
}

function matches(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const take = Math.min(8, bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

function v4(address: string, bits: number, reason: string): Range {
  return { range: `${address}/${bits}`, reason, bytes: toBytes4(address), bits };
}

function v6(address: string, bits: number, reason: string): Range {
  return { range: `${address}/${bits}`, reason, bytes: toBytes6(address), bits };
}

function toBytes4(address: string): number[] {
  return address.split('.').map(Number);
}

/** The 16 bytes of a valid IPv6 literal (`::` and a trailing dotted quad expanded). */
function toBytes6(address: string): number[] {
  let text = address.toLowerCase();
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad !== null) {
    const [a = 0, b = 0, c = 0, d = 0] = toBytes4(quad[1]!);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
  return groups.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [(value >> 8) & 0xff, value & 0xff];
  });
}
