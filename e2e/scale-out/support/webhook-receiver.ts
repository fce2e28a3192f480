import { createServer, Server } from 'node:http';

/** A subscriber's server: answers 204 and counts every delivery by its `X-Delivery-Id`. */
export class WebhookReceiver {
  readonly received = new Map<string, number>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const id = String(request.headers['x-delivery-id']);
        receiver!.received.set(id, (receiver!.received.get(id) ?? 0) + 1);
        response.statusCode = 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`);
    return receiver;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
