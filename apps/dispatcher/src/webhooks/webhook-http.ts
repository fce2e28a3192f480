import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { assertPublicAddress, hostOf, isIpLiteral, publicOnlyLookup } from '@lib/outbound-http';

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivateNetworks: boolean;
}

/**
 * POSTs one webhook and resolves with the status code. Redirects are not followed (a 3xx is
 * a failed delivery); unless allowed, private destinations are refused, also after DNS: the
 * subscription was checked when it was made, but a name may answer differently now.
 */
export function postWebhook(post: WebhookPost): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(post.url);
    const hostname = hostOf(url);
    if (!post.allowPrivateNetworks && isIpLiteral(hostname)) {
      try {
        assertPublicAddress(hostname, hostname);
      } catch (refusal) {
        return reject(refusal);
      }
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...post.headers, 'Content-Length': Buffer.byteLength(post.body) },
        timeout: post.timeoutMs,
        ...(post.allowPrivateNetworks ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${post.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(post.body);
  });
}
