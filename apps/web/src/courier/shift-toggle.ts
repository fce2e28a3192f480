import { h } from '../shared/dom';
import { formatClockTime } from '../shared/format';
import { onLanguageChange, t } from '../shared/i18n';
import type { ShiftChange, ShiftState } from './shift-request';
import { hasPassed, sameInstant, timeInputValue, untilFromTime } from './shift-time';

/** Re-checks a far planned end at least this often (a timer's delay has a ceiling). */
const MAX_WAIT_MS = 3_600_000;

/**
 * The shift card: a big on/off switch (`aria-pressed` tells assistive tech its state), an
 * optional planned end (a time of day; empty: open-ended) that can be moved while on shift,
 * and a warning once that end has passed (dispatch then offers nothing more).
 * `onChange` sends a change; a refused one is shown with `refused` and changes nothing here.
 */
export function shiftToggle(onChange: (change: ShiftChange) => Promise<void>): {
  element: HTMLElement;
  set: (state: ShiftState) => void;
  refused: (detail: string) => void;
} {
  let current: ShiftState = { onShift: false, shiftEndsAt: null };
  let problem: (() => string) | null = null;
  let endTimer: number | undefined;

  const state = h('strong', { id: 'shift-state' });
  const passed = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'shift-end-passed' });
  const untilLabel = h('label', { for: 'shift-until' });
  const until = h('input', { type: 'time', id: 'shift-until', name: 'until', 'aria-describedby': 'shift-until-hint' });
  const changeEnd = h('button', { type: 'button', id: 'shift-until-save', i18n: 'courier.changeEnd', onclick: () => void submit(planned()) });
  const untilHint = h('p', { class: 'hint', id: 'shift-until-hint', i18n: 'courier.untilHint' });
  const button = h('button', {
    type: 'button',
    class: 'big',
    id: 'shift-toggle',
    onclick: () => void submit(current.onShift ? { onShift: false } : planned()),
  });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'shift-error' });
  const hint = h('p', { class: 'hint' });

  /** The change the time input asks for; null when it holds half a time. */
  function planned(): ShiftChange | null {
    if (until.validity.badInput) return null;
    return until.value ? { onShift: true, until: untilFromTime(until.value) } : { onShift: true };
  }

  async function submit(change: ShiftChange | null): Promise<void> {
    problem = change ? null : () => t('courier.untilIncomplete');
    if (change) {
      button.disabled = changeEnd.disabled = true;
      try {
        await onChange(change);
      } finally {
        button.disabled = changeEnd.disabled = false;
      }
    }
    render();
  }

  function render(): void {
    window.clearTimeout(endTimer);
    const { onShift } = current;
    const end = onShift ? current.shiftEndsAt : null;
    const over = end !== null && hasPassed(end);
    // Still ahead: look again when it passes, so the warning shows without a reload.
    if (end && !over) endTimer = window.setTimeout(render, Math.min(Date.parse(end) - Date.now() + 100, MAX_WAIT_MS));
    // The gone end left in the input would mean tomorrow: offer a fresh choice (empty: open-ended).
    if (over && until.value === timeInputValue(end)) until.value = '';
    state.textContent = !onShift ? t('courier.shiftOff') : end ? t('courier.shiftOnUntil', { time: formatClockTime(end) }) : t('courier.shiftOn');
    passed.textContent = over ? t('courier.shiftEndPassed', { time: formatClockTime(end) }) : '';
    passed.hidden = !over;
    untilLabel.textContent = onShift ? t('courier.plannedEnd') : t('courier.untilOptional');
    changeEnd.hidden = !onShift;
    button.textContent = onShift ? t('courier.endShift') : t('courier.startShift');
    button.setAttribute('aria-pressed', String(onShift));
    button.className = onShift ? 'big danger' : 'big primary';
    error.textContent = problem ? problem() : '';
    error.hidden = !problem;
    hint.textContent = onShift ? t('courier.waiting') : t('courier.offShiftHint');
    hint.hidden = over;
  }

  onLanguageChange(render);
  render();
  return {
    element: h(
      'section',
      { class: 'card stack', 'aria-labelledby': 'shift-state' },
      state,
      passed,
      untilLabel,
      until,
      untilHint,
      changeEnd,
      button,
      error,
      hint,
    ),
    set(next) {
      // The same shift again (e.g. re-read after reconnecting) leaves a time being typed alone.
      if (next.onShift !== current.onShift || !sameInstant(next.shiftEndsAt, current.shiftEndsAt)) {
        until.value = next.onShift && next.shiftEndsAt && !hasPassed(next.shiftEndsAt) ? timeInputValue(next.shiftEndsAt) : '';
      }
      current = next;
      render();
    },
    refused(detail) {
      problem = () => t('courier.shiftRefused', { detail });
      render();
    },
  };
}
