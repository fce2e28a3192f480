import { language, MessageKey, t } from './i18n';
import type { Money, OrderStatus } from './types';

export function formatMoney(money: Money | undefined): string {
  if (!money) return '–';
  return new Intl.NumberFormat(language(), { style: 'currency', currency: money.currency }).format(money.amount / 100);
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(language(), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
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
