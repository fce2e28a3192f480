import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A URL that leads into a loopback, private, link-local or otherwise non-public network. */
export class PrivateDestinationError extends Error {
  override name = 'PrivateDestinationError';
}

/** `::a.b.c.d`, the deprecated IPv4-compatible form: ipaddr.js calls it unicast, but it is not a public IPv6 address. */
const ipv4Compatible = ipaddr.IPv6.parseCIDR('::/96');

/**
 * The reason an address is not public unicast (an ipaddr.js range name such as `loopback`,
 * `private`, `linkLocal`, `uniqueLocal`, `carrierGradeNat`, `unspecified`), or null when it is.
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries. Only strict
 * IP strings are judged (a DNS answer, a WHATWG-normalised URL host); anything else is refused.
 */
export function nonPublicRange(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'unparseable';
  const parsed = ipaddr.process(family === 6 ? canonicalIpv6(address) : address);
  const range = parsed.range();
  if (range === 'unicast' && parsed instanceof ipaddr.IPv6 && parsed.match(ipv4Compatible)) return 'ipv4Compatible';
  return range === 'unicast' ? null : range;
}

/**
 * IPv6 in hexadecimal groups, as the WHATWG parser writes it. ipaddr.js reads a dotted tail as
 * IPv4-mapped whatever its prefix (`::8.8.8.8` would pass for 8.8.8.8), and glibc writes
 * `::a.b.c.d` answers that way. A zone id (`fe80::1%eth0`) names an interface, not a range.
 */
function canonicalIpv6(address: string): string {
  const [bare] = address.split('%');
  return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
}

/**
 * A subscriber chooses the URL, so without this check our workers could be pointed at the
 * co-op's own network (loopback, private ranges, cloud metadata at 169.254.169.254). Only
 * public unicast addresses are allowed. `host` is what the URL named, for the message.
 */
export function assertPublicAddress(host: string, address: string): void {
  const range = nonPublicRange(address);
  if (range === null) return;
  throw new PrivateDestinationError(host === address ? `${address} is not a public address (${range})` : `${host} resolves to ${address}, not a public address (${range})`);
}

/** The host of a URL as a resolver or `isIP` takes it: IPv6 literals lose their brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

export function isIpLiteral(hostname: string): boolean {
  return isIP(hostname) !== 0;
}
