import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A webhook URL that leads into a private network; retrying will not help. */
export class PrivateDestinationError extends Error {
  override name = 'PrivateDestinationError';
}

/**
 * A subscriber chooses the URL, so without this check our workers could be pointed at the
 * co-op's own network (loopback, private ranges, cloud metadata at 169.254.169.254). Only
 * public unicast addresses are allowed.
 */
export function assertPublicAddress(host: string, address: string): void {
  const range = ipaddr.process(address).range();
  if (range !== 'unicast') throw new PrivateDestinationError(`${host} resolves to a ${range} address (${address})`);
}

/**
 * A DNS lookup for the HTTP client that refuses private addresses at connect time, on the
 * very address the socket will use, so a name that changes its answer between a check and
 * the request (DNS rebinding) cannot slip through. IP literals never reach a lookup: the
 * sender checks those with `assertPublicAddress` directly.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    try {
      for (const { address } of addresses) assertPublicAddress(hostname, address);
    } catch (refusal) {
      return callback(refusal as NodeJS.ErrnoException, '', 0);
    }
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

export function isIpLiteral(hostname: string): boolean {
  return isIP(hostname) !== 0;
}
