import type { OrderStatus } from '@lib/wire';
import { h } from '../shared/dom';
import { formatTime, statusLabel } from '../shared/format';
import { onLanguageChange, t } from '../shared/i18n';

const STEPS: OrderStatus[] = ['pending', 'assigned', 'picked_up', 'delivered'];

/** Status as a row of steps plus the ETA, in large type for a phone. */
export class TrackingView {
  readonly element = h('section', { class: 'card stack', 'aria-labelledby': 'track-title' });
  private readonly statusLine = h('p', { class: 'track-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'tracking-status' });
  private readonly steps = h('ol', { class: 'steps' });
  private readonly eta = h('p', { class: 'muted' });
  private readonly details = h('p', { 'data-testid': 'tracking-details' });
  private merchantName: string | null = null;
  private pin: string | null = null;
  private status: OrderStatus = 'pending';
  private etaAt: string | null = null;

  constructor() {
    this.element.append(h('h2', { id: 'track-title', i18n: 'track.title' }), this.statusLine, this.steps, this.eta, this.details);
    onLanguageChange(() => this.render());
  }

  /** Who sends the parcel and the PIN the customer gives the courier (the API stops sending it once closed). */
  setDetails(merchantName: string | null | undefined, pin: string | null | undefined): void {
    this.merchantName = merchantName ?? null;
    this.pin = pin ?? null;
    this.render();
  }

  update(status: OrderStatus, eta: string | null | undefined): void {
    this.status = status;
    if (eta !== undefined) this.etaAt = eta;
    this.render();
  }

  private render(): void {
    this.element.dataset.status = this.status;
    this.statusLine.textContent = statusLabel(this.status);
    // `offered` is still "waiting" for the customer; failed/cancelled end the row early.
    const shown = this.status === 'offered' ? 'pending' : this.status;
    const reached = STEPS.indexOf(shown);
    this.steps.replaceChildren(
      ...STEPS.map((step, index) => h('li', { class: index < reached ? 'done' : index === reached ? 'current' : '' }, statusLabel(step))),
    );
    const finished = ['delivered', 'failed', 'cancelled'].includes(this.status);
    this.eta.textContent = !finished && this.etaAt ? t('track.eta', { time: formatTime(this.etaAt) }) : '';
    this.details.textContent = [
      this.merchantName ? t('track.from', { name: this.merchantName }) : '',
      !finished && this.pin ? t('track.pin', { pin: this.pin }) : '',
    ].filter(Boolean).join(' · ');
  }
}
