import L from 'leaflet';
import type { Geometry } from 'geojson';
import type { LatLng, Money, OrderView } from '@lib/wire';
import { api, ApiError } from '../shared/api-client';
import { h } from '../shared/dom';
import { formatKm, formatMoney, formatTime } from '../shared/format';
import { isInsideArea } from '../shared/geometry';
import { onLanguageChange, t } from '../shared/i18n';
import { markerColors } from '../shared/map';
import { newUuid } from '../shared/uuid';

interface Quote {
  price: Money;
  distanceMeters: number;
  estimatedPickupAt?: string;
  estimatedDeliveryAt?: string;
}

/**
 * One order being placed: the body exactly as quoted and its Idempotency-Key. Created when
 * the merchant asks for a price and reused for every retry of "place the order", so a
 * retry after a timeout returns the first order instead of creating a second one.
 */
interface Submission {
  key: string;
  body: Record<string, unknown>;
}

/**
 * The new-order form: address and recipient, a click on the map for the drop-off point
 * (checked against the service area), a price first, then the order.
 */
export class OrderForm {
  readonly element: HTMLFormElement;
  private dropoff: LatLng | null = null;
  private readonly dropoffMarker: L.CircleMarker;
  private submission: Submission | null = null;
  private readonly fields = {
    address: h('input', { id: 'dropoff-address', name: 'address', required: true, autocomplete: 'street-address' }),
    contactName: h('input', { id: 'dropoff-contact', name: 'contactName', autocomplete: 'name' }),
    phone: h('input', { id: 'dropoff-phone', name: 'phone', type: 'tel', autocomplete: 'tel' }),
    notes: h('textarea', { id: 'dropoff-notes', name: 'notes', rows: 2 }),
    size: h('select', { id: 'parcel-size', name: 'size' }, ...['S', 'M', 'L'].map((size) => h('option', { value: size }, size))),
    readyIn: h('select', { id: 'ready-in', name: 'readyIn' }, ...[0, 15, 30, 45].map((minutes) => h('option', { value: String(minutes) }, readyInLabel(minutes)))),
    reference: h('input', { id: 'reference', name: 'reference' }),
  };
  private readonly locationText = h('p', { class: 'hint', id: 'dropoff-location', 'aria-live': 'polite', i18n: 'merchant.locationHint' });
  private readonly error = h('p', { class: 'form-error', role: 'alert' });
  private readonly quoteText = h('p', { 'aria-live': 'polite', 'data-testid': 'quote' });
  private readonly quoteButton = h('button', { type: 'submit', class: 'primary', i18n: 'merchant.quote' });
  private readonly placeButton = h('button', { type: 'button', class: 'primary', hidden: true, i18n: 'merchant.place' });

  constructor(
    map: L.Map,
    private readonly area: Geometry | null,
    private readonly onPlaced: (order: OrderView) => void,
  ) {
    this.dropoffMarker = L.circleMarker([0, 0], { radius: 8, color: '#ffffff', weight: 2, fillColor: markerColors.dropoff, fillOpacity: 1 });
    map.on('click', (event: L.LeafletMouseEvent) => this.chooseDropoff(map, { lat: event.latlng.lat, lng: event.latlng.lng }));
    const field = (id: string, key: Parameters<typeof t>[0], input: HTMLElement) => [h('label', { for: id, i18n: key }), input];
    this.element = h(
      'form',
      { class: 'card stack', 'aria-labelledby': 'new-order-title', novalidate: true },
      h('h2', { id: 'new-order-title', i18n: 'merchant.title' }),
      ...field('dropoff-address', 'merchant.dropoffAddress', this.fields.address),
      h('span', { class: 'muted', i18n: 'merchant.location' }),
      this.locationText,
      ...field('dropoff-contact', 'merchant.contactName', this.fields.contactName),
      ...field('dropoff-phone', 'merchant.phone', this.fields.phone),
      ...field('dropoff-notes', 'merchant.notes', this.fields.notes),
      h('div', { class: 'row' }, h('div', { class: 'stack' }, ...field('parcel-size', 'merchant.parcelSize', this.fields.size)), h('div', { class: 'stack' }, ...field('ready-in', 'merchant.readyIn', this.fields.readyIn))),
      ...field('reference', 'merchant.reference', this.fields.reference),
      this.error,
      this.quoteText,
      h('div', { class: 'row' }, this.quoteButton, this.placeButton),
    );
    // Any change means the quote no longer matches what would be ordered.
    this.element.addEventListener('input', () => this.invalidate());
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.quote();
    });
    this.placeButton.addEventListener('click', () => void this.place());
    onLanguageChange(() => [...this.fields.readyIn.options].forEach((option) => (option.textContent = readyInLabel(Number(option.value)))));
  }

  private chooseDropoff(map: L.Map, point: LatLng): void {
    this.invalidate();
    if (!isInsideArea(point, this.area)) {
      this.error.textContent = t('merchant.outsideArea');
      return;
    }
    this.error.textContent = '';
    this.dropoff = point;
    this.dropoffMarker.setLatLng(point).addTo(map);
    this.locationText.removeAttribute('data-i18n');
    this.locationText.textContent = t('merchant.locationChosen', { lat: point.lat.toFixed(5), lng: point.lng.toFixed(5) });
  }

  private clearDropoff(): void {
    this.invalidate();
    this.dropoff = null;
    this.dropoffMarker.remove();
    this.locationText.dataset.i18n = 'merchant.locationHint';
    this.locationText.textContent = t('merchant.locationHint');
  }

  private async quote(): Promise<void> {
    this.error.textContent = '';
    if (!this.fields.address.value.trim()) {
      this.fields.address.focus();
      this.error.textContent = `${t('merchant.dropoffAddress')} ?`;
      return;
    }
    if (!this.dropoff) {
      this.error.textContent = t('merchant.locationHint');
      return;
    }
    const submission = { key: newUuid(), body: this.body(this.dropoff) };
    this.quoteButton.disabled = true;
    try {
      const quote = await api<Quote>('POST', '/orders/quote', submission.body);
      this.submission = submission;
      this.quoteText.textContent = t('merchant.quoteResult', {
        price: formatMoney(quote.price),
        km: formatKm(quote.distanceMeters),
        time: formatTime(quote.estimatedDeliveryAt),
      });
      this.placeButton.hidden = false;
      this.placeButton.focus();
    } catch (error) {
      this.showError(error as ApiError);
    } finally {
      this.quoteButton.disabled = false;
    }
  }

  private async place(): Promise<void> {
    const submission = this.submission;
    if (!submission) return;
    this.placeButton.disabled = true;
    try {
      const order = await api<OrderView>('POST', '/orders', submission.body, { 'Idempotency-Key': submission.key });
      this.element.reset();
      this.clearDropoff();
      this.onPlaced(order);
    } catch (error) {
      // The submission is kept: pressing again retries with the same key and body.
      this.showError(error as ApiError);
    } finally {
      this.placeButton.disabled = false;
    }
  }

  private body(dropoff: LatLng): Record<string, unknown> {
    const text = (input: HTMLInputElement | HTMLTextAreaElement) => input.value.trim() || undefined;
    const readyInMinutes = Number(this.fields.readyIn.value);
    return {
      dropoff: {
        address: this.fields.address.value.trim(),
        location: dropoff,
        contactName: text(this.fields.contactName),
        phone: text(this.fields.phone),
        notes: text(this.fields.notes),
      },
      parcel: { size: this.fields.size.value },
      readyAt: readyInMinutes ? new Date(Date.now() + readyInMinutes * 60_000).toISOString() : undefined,
      reference: text(this.fields.reference),
    };
  }

  private invalidate(): void {
    this.submission = null;
    this.placeButton.hidden = true;
    this.quoteText.textContent = '';
  }

  private showError(error: ApiError): void {
    this.error.textContent = error.status === 422 ? t('merchant.outsideArea') : error.isNetwork ? t('error.network') : t('error.generic', { detail: error.message });
  }
}

function readyInLabel(minutes: number): string {
  return minutes ? t('merchant.minutes', { minutes }) : t('merchant.now');
}
