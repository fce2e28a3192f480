import type { CourierView } from '@lib/wire';
import { api, ApiError } from '../shared/api-client';
import type { OfflineQueue } from './offline-queue';

/** The courier resource's shift fields (`shiftEndsAt`: the planned end; null: open-ended, or off shift). */
export type ShiftState = Pick<CourierView, 'onShift' | 'shiftEndsAt'>;

/** The body of PUT /couriers/me/shift: `until` only with `onShift: true`; left out, the shift is open-ended. */
export interface ShiftChange {
  onShift: boolean;
  until?: string;
}

export type ShiftOutcome = { state: ShiftState } | { refused: string };

/**
 * Starts or ends the shift, or moves its planned end. Without network the change is queued
 * as it is (`until` included, an absolute time, so a late replay means the same end) and
 * taken as done, so the courier can carry on.
 */
export async function sendShiftChange(change: ShiftChange, queue: OfflineQueue): Promise<ShiftOutcome> {
  try {
    return { state: await api<CourierView>('PUT', '/couriers/me/shift', change) };
  } catch (error) {
    const failure = error as ApiError;
    if (!failure.isNetwork) return { refused: problemMessage(failure) };
    queue.addAction({ method: 'PUT', path: '/couriers/me/shift', body: change });
    return { state: { onShift: change.onShift, shiftEndsAt: change.onShift ? (change.until ?? null) : null } };
  }
}

/** What the API said was wrong: the first field error (e.g. "until must be in the future"), else the problem's detail. */
export function problemMessage(error: Error): string {
  const problem = (error as Partial<ApiError>).problem as { errors?: { message?: string }[] } | undefined;
  return problem?.errors?.[0]?.message ?? error.message;
}
