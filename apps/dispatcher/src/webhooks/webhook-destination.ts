import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * Why a webhook must not be sent to this URL, or null when it may. A subscriber chooses the
 * URL, so without this check our workers could be pointed at the co-op's own network
 * (loopback, private ranges, cloud metadata at 169.254.169.254). Every address the name
 * resolves to must be public.
 */
export async function privateDestinationProblem(url: string): Promise<string | null> {
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  for (const { address } of addresses) {
    const range = ipaddr.process(address).range();
    if (range !== 'unicast') return `${hostname} resolves to a ${range} address (${address})`;
  }
  return null;
}
