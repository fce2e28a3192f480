import type { Money, OrderStatus } from '@lib/wire';
import { language, MessageKey, t } from './i18n';

export function formatMoney(money: Money | undefined): string {
  if (!money) return '–';
  return new Intl.NumberFormat(language(), { style: 'currency', currency: money.currency }).format(money.amount / 100);
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(language(), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/**
 * A time of day as the device writes clocks (24-hour or am/pm, from the browser's own locale
 * when it speaks the page's language), so it reads like what its time inputs show: "21:30".
 */
export function formatClockTime(iso: string): string {
  const locale = navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language()) ?? language();
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** "Léa · until 21:30" (a courier's name, with its planned end of shift when it gave one). */
export function courierLabel(courier: { name: string; shiftEndsAt?: string | null }): string {
  return courier.shiftEndsAt ? `${courier.name} · ${t('dispatch.until', { time: formatClockTime(courier.shiftEndsAt) })}` : courier.name;
}

export function formatKm(meters: number | undefined): string {
  return meters === undefined ? '–' : (meters / 1000).toFixed(1);
}

export function statusLabel(status: OrderStatus | string): string {
  const key = `status.${status}` as MessageKey;
  return key in statusKeys ? t(key) : status;
}

const statusKeys: Record<string, true> = Object.fromEntries(
  ['pending', 'offered', 'assigned', 'picked_up', 'delivered', 'failed', 'cancelled'].map((status) => [`status.${status}`, true]),
);
