import type { OrderView, Page } from '@lib/wire';
import { api, ApiError } from '../shared/api-client';
import { h } from '../shared/dom';
import { onLanguageChange, t } from '../shared/i18n';
import { JobAction, jobCard } from './job-card';
import type { OfflineQueue } from './offline-queue';

const ON_THE_ROAD = new Set(['assigned', 'picked_up']);

/**
 * The courier's current jobs (a courier may carry several orders at once). Actions go to the
 * API at once; without network they are queued and applied here optimistically, so the
 * courier can carry on.
 */
export class JobsView {
  readonly element = h('section', { class: 'stack', 'aria-label': t('courier.job') });
  private readonly jobs = new Map<string, OrderView>();
  /** Per reload under way, the orders changed since its request left: the list it brings is older for them. */
  private readonly reloads = new Set<Set<string>>();

  constructor(
    private readonly courierId: string,
    private readonly queue: OfflineQueue,
    private readonly announce: (message: string, tone?: 'info' | 'error') => void,
    private readonly onJobsChange: (jobs: OrderView[]) => void = () => undefined,
  ) {
    onLanguageChange(() => this.render());
  }

  /** The API's list is the truth, except for orders that changed while it was being fetched. */
  async reload(): Promise<void> {
    const changed = new Set<string>();
    this.reloads.add(changed);
    try {
      const page = await api<Page<OrderView>>('GET', '/orders?limit=200');
      const newer = [...this.jobs.values()].filter((order) => changed.has(order.id));
      this.jobs.clear();
      page.items.filter((order) => !changed.has(order.id)).forEach((order) => this.put(order));
      newer.forEach((order) => this.put(order));
    } finally {
      this.reloads.delete(changed);
    }
    this.render();
  }

  /** An order we hold changed (from the socket or an API answer). */
  update(order: OrderView): void {
    for (const changed of this.reloads) changed.add(order.id);
    this.jobs.delete(order.id);
    this.put(order);
    this.render();
  }

  private put(order: OrderView): void {
    if (order.courierId === this.courierId && ON_THE_ROAD.has(order.status)) this.jobs.set(order.id, order);
  }

  private render(): void {
    this.onJobsChange([...this.jobs.values()]);
    this.element.replaceChildren(...[...this.jobs.values()].map((order) => jobCard(order, (action) => void this.perform(order, action))));
  }

  private async perform(order: OrderView, action: JobAction): Promise<void> {
    const request = requestFor(order.id, action);
    try {
      this.update(await api<OrderView>('POST', request.path, request.body));
    } catch (error) {
      const failure = error as ApiError;
      if (!failure.isNetwork) return this.announce(t('error.generic', { detail: failure.message }), 'error');
      this.queue.addAction({ method: 'POST', ...request });
      this.update({ ...order, status: action.kind === 'pickup' ? 'picked_up' : action.kind === 'deliver' ? 'delivered' : 'failed' });
      this.announce(t('error.network'));
    }
  }
}

function requestFor(orderId: string, action: JobAction): { path: string; body?: unknown } {
  switch (action.kind) {
    case 'pickup':
      return { path: `/orders/${orderId}/pickup` };
    case 'deliver':
      return { path: `/orders/${orderId}/deliver`, body: action.pin ? { proof: { type: 'pin', value: action.pin } } : {} };
    case 'fail':
      return { path: `/orders/${orderId}/fail`, body: { reason: action.reason } };
  }
}
