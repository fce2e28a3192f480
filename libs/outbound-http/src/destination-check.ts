import { lookup as dnsLookup } from 'node:dns/promises';
import { hostOf, isIpLiteral, nonPublicRange } from './address-policy';

export interface DestinationPolicy {
  /** `WEBHOOK_ALLOW_PRIVATE_NETWORKS`: any http(s) URL is accepted and nothing is resolved. */
  allowPrivateNetworks: boolean;
  /** Longest wait for DNS; a name that does not answer in time is refused. */
  lookupTimeoutMs: number;
  /** Every address of a name, as the HTTP client's own lookup would find them (tests pass a fake). */
  lookup?: (hostname: string) => Promise<{ address: string }[]>;
}

export type DestinationVerdict = { allowed: true } | { allowed: false; reason: string };

const allowed: DestinationVerdict = { allowed: true };
const refused = (reason: string): DestinationVerdict => ({ allowed: false, reason });
const resolveAll = (hostname: string) => dnsLookup(hostname, { all: true });

/**
 * Whether a URL someone asks us to call later (a webhook) leads to the public internet, judged
 * when it is given, so a bad one is refused with its reason instead of failing on every
 * delivery. An IP literal is judged as the WHATWG parser normalised it (`2130706433`, `0x7f.1`
 * and `[::ffff:7f00:1]` are all 127.0.0.1); a name must resolve, and to public unicast
 * addresses only. This does not replace the check at connect time (`publicOnlyLookup`): a name
 * may answer differently later (DNS rebinding).
 */
export async function checkDestination(rawUrl: string, policy: DestinationPolicy): Promise<DestinationVerdict> {
  const url = parseHttpUrl(rawUrl);
  if (!url) return refused('url must be an http(s) URL');
  if (policy.allowPrivateNetworks) return allowed;

  const host = hostOf(url);
  if (isIpLiteral(host)) {
    const range = nonPublicRange(host);
    return range ? refused(`${host} is not a public address (${range})`) : allowed;
  }
  let addresses: { address: string }[];
  try {
    addresses = await withTimeout(policy.lookup ?? resolveAll, host, policy.lookupTimeoutMs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return refused(`${host} does not resolve (${code})`);
  }
  if (!addresses.length) return refused(`${host} resolves to no address`);
  for (const { address } of addresses) {
    const range = nonPublicRange(address);
    if (range) return refused(`${host} resolves to ${address}, not a public address (${range})`);
  }
  return allowed;
}

/** The URL as the HTTP client will read it, or null when it is not an http(s) URL. */
export function parseHttpUrl(rawUrl: string): URL | null {
  if (!URL.canParse(rawUrl)) return null;
  const url = new URL(rawUrl);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

/** The lookup cannot be cancelled, but the caller stops waiting for it. */
async function withTimeout<T>(lookup: (hostname: string) => Promise<T>, hostname: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([lookup(hostname), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
