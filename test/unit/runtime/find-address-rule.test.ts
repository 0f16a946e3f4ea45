import { describe, expect, it } from 'vitest';
import { findAddressRule } from '../../../src/runtime/find-address-rule.js';

describe('findAddressRule', () => {
  it.each([
    ['169.254.169.254', '169.254.0.0/16'],
    ['169.254.0.1', '169.254.0.0/16'],
    ['169.254.255.255', '169.254.0.0/16'],
    ['100.100.100.200', '100.100.100.200/32'],
    ['168.63.129.16', '168.63.129.16/32'],
    ['fe80::1', 'fe80::/10'],
    ['FE80::1%eth0', 'fe80::/10'],
    ['febf:ffff::1', 'fe80::/10'],
    ['[fe80::abcd]', 'fe80::/10'],
    ['fd00:ec2::254', 'fd00:ec2::254/128'],
    ['fd00:0ec2:0000:0000:0000:0000:0000:0254', 'fd00:ec2::254/128'],
    // IPv4 inside IPv6: mapped (dotted and hex), compatible, NAT64, 6to4.
    ['::ffff:169.254.169.254', '169.254.0.0/16'],
    ['::ffff:a9fe:a9fe', '169.254.0.0/16'],
    ['::169.254.169.254', '169.254.0.0/16'],
    ['64:ff9b::a9fe:a9fe', '169.254.0.0/16'],
    ['64:ff9b::169.254.1.2', '169.254.0.0/16'],
    ['2002:a9fe:a9fe::1', '169.254.0.0/16'],
    ['::ffff:100.100.100.200', '100.100.100.200/32'],
  ])('refuses %s (%s)', (address, range) => {
    expect(findAddressRule(address)?.range).toBe(range);
  });

  it.each([
    // Loopback and private ranges stay allowed (SECURITY.md: developers proxy local APIs).
    '127.0.0.1',
    '::1',
    '10.0.0.1',
    '172.16.0.1',
    '192.168.1.1',
    '100.64.0.1',
    'fd00::1',
    'fc00::1',
    '0.0.0.0',
    '::ffff:127.0.0.1',
    '169.253.255.255',
    '169.255.0.0',
    'fec0::1',
    'fd00:ec2::253',
    '8.8.8.8',
    '2001:db8::1',
    '64:ff9b::808:808',
    // Names are checked once resolved, not here.
    'metadata.google.internal',
    'localhost',
    '',
  ])('allows %s', (address) => {
    expect(findAddressRule(address)).toBeUndefined();
  });

  it('names the reason: metadata services answer on link-local', () => {
    expect(findAddressRule('169.254.169.254')?.reason).toMatch(/link-local.*metadata/);
  });
});
