import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import type { CourierPositionEvent } from '@lib/wire';
import { CoopFixture, TestApi, VALENCE } from '@lib/testing';
import { eastOf } from '../../support/factories';
import { BuiltProcess, ProcessName, ProcessStack } from '../../reliability/support/processes';
import { ReadinessBalancer } from './balancer';
import { CourierPhone } from './courier-phone';
import { WebhookReceiver } from './webhook-receiver';

/** Couriers per gateway at the start. */
const COURIERS_PER_GATEWAY = 3;

/**
 * Two of each process, built and run as OS processes on one PostgreSQL database and one Redis
 * (a private key prefix), with a balancer in front of the APIs and one in front of the
 * gateways; a co-op whose couriers' phones are spread over both gateways, a dispatcher's board
 * on the first gateway, a merchant API key and a webhook subscription to a local receiver.
 */
export class Cluster {
  readonly phones: CourierPhone[] = [];
  readonly boardPositions = new Set<string>();
  board?: Socket;
  coop!: CoopFixture;
  apiKey!: string;
  private owner!: Client;

  private constructor(
    readonly stack: ProcessStack,
    readonly processes: Record<ProcessName, BuiltProcess[]>,
    readonly apis: ReadinessBalancer,
    readonly gateways: ReadinessBalancer,
    readonly webhooks: WebhookReceiver,
  ) {}

  static async start(): Promise<Cluster> {
    const webhooks = await WebhookReceiver.start();
    const stack = await ProcessStack.create({ env: { DISPATCH_TICK_SECONDS: '1', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', LOG_LEVEL: 'warn' } });
    // All at once: the APIs both creating the platform admin is an insert that ignores a conflict.
    const started = await Promise.all((['api', 'api', 'dispatcher', 'dispatcher', 'tracking', 'tracking'] as const).map((name) => stack.start(name)));
    const processes = { api: started.slice(0, 2), dispatcher: started.slice(2, 4), tracking: started.slice(4) };
    const cluster = new Cluster(stack, processes, new ReadinessBalancer(processes.api), new ReadinessBalancer(processes.tracking), webhooks);
    await Promise.all([cluster.apis.start(), cluster.gateways.start()]);
    cluster.owner = new Client({ connectionString: stack.env.DATABASE_URL });
    await cluster.owner.connect();
    await cluster.seed();
    return cluster;
  }

  /** The public API through the first API process, for set-up. */
  get api(): TestApi {
    return this.stack.apiOf(this.processes.api[0]);
  }

  /** SQL as the database owner (no row-level security), to look behind the API. */
  async sql<T = Record<string, any>>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.owner.query(text, values)).rows as T[];
  }

  async close(): Promise<void> {
    for (const phone of this.phones) phone.close();
    this.board?.disconnect();
    this.apis.stop();
    this.gateways.stop();
    await this.owner?.end();
    await this.stack.close();
    await this.webhooks.close();
  }

  private async seed(): Promise<void> {
    // Every courier declines, so each order goes to two couriers in turn, then to a dispatcher.
    this.coop = await this.api.newCooperative(VALENCE, { maxOffersPerOrder: 2, offerTimeoutSeconds: 5 });
    const { coop, api } = this;
    this.apiKey = (await api.http.post(`/api/v1/merchants/${coop.merchant.id}/api-keys`).set(coop.admin.auth).expect(201)).body.key;
    await api.http.post('/api/v1/webhooks').set(coop.admin.auth).send({ url: this.webhooks.url, events: ['order.created'] }).expect(201);
    for (const gateway of this.processes.tracking) {
      for (let i = 0; i < COURIERS_PER_GATEWAY; i += 1) {
        const courier = await api.newCourier(coop.admin);
        await api.http.put('/api/v1/couriers/me/shift').set(courier.auth).send({ onShift: true }).expect(200);
        const phone = new CourierPhone(courier.courierId, courier.token, eastOf(coop.center, 200 + 100 * this.phones.length), this.gateways, this.apis);
        await phone.connect(gateway.url);
        this.phones.push(phone);
      }
    }
    this.board = io(`${this.processes.tracking[0].url}/dispatch`, { auth: { token: coop.dispatcher.token }, transports: ['websocket'], forceNew: true });
    this.board.on('courier.position', (event: CourierPositionEvent) => this.boardPositions.add(event.courierId));
  }
}
