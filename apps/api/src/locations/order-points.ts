import type { PositionFix } from '@lib/positions';

/**
 * An offline batch in the order the points were measured, each measurement once: a phone
 * may resend what it already sent before losing the connection. Timestamps are kept as
 * measured; of two points with the same time, the first sent wins.
 */
export function orderPoints(fixes: PositionFix[]): PositionFix[] {
  const byTime = new Map<number, PositionFix>();
  for (const fix of fixes) if (!byTime.has(fix.at.getTime())) byTime.set(fix.at.getTime(), fix);
  return [...byTime.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}
