/** What both a supertest response and the keep-alive client's answer carry. */
interface HttpAnswer {
  status: number;
  headers: Record<string, unknown>;
  body: any;
  text?: string;
}

/** An error answer as the contract requires it: application/problem+json whose `status` is the HTTP status. */
export function isProblem(response: HttpAnswer): boolean {
  return /^application\/problem\+json/.test(String(response.headers['content-type'] ?? ''))
    && typeof response.body === 'object' && response.body !== null && response.body.status === response.status
    && typeof response.body.title === 'string' && typeof response.body.code === 'string';
}

/** One line describing a request and its answer, for failure lists. */
export function describeExchange(request: string, response: Pick<HttpAnswer, 'status' | 'text'>): string {
  return `${request} -> ${response.status} ${String(response.text ?? '').slice(0, 200)}`;
}
