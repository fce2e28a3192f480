import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { LookupFunction } from 'node:net';
import { assertPublicAddress } from './address-policy';

/**
 * A DNS lookup for the HTTP client that refuses private addresses at connect time, on the
 * very address the socket will use, so a name that changes its answer between a check and
 * the request (DNS rebinding) cannot slip through. IP literals never reach a lookup: the
 * sender checks those with `assertPublicAddress` directly.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    // Possibly transient, so an ordinary (retried) failure, not a refusal.
    if (!addresses.length) return callback(Object.assign(new Error(`${hostname} resolves to no address`), { code: 'ENOTFOUND' }), '', 0);
    try {
      for (const { address } of addresses) assertPublicAddress(hostname, address);
    } catch (refusal) {
      return callback(refusal as NodeJS.ErrnoException, '', 0);
    }
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
