import { POSITION_RETENTION_DAYS } from '@lib/database';

/**
 * The instant before which a co-op's position history goes: `days` whole days before `now`.
 * A stored setting outside the allowed bounds (written before they existed, or by hand) is
 * brought back within them rather than deleting everything or keeping everything.
 */
export function retentionCutoff(now: Date, days: number): Date {
  const kept = Number.isFinite(days) ? Math.min(POSITION_RETENTION_DAYS.max, Math.max(POSITION_RETENTION_DAYS.min, Math.floor(days))) : POSITION_RETENTION_DAYS.default;
  return new Date(now.getTime() - kept * 86_400_000);
}
