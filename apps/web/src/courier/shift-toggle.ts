import { h } from '../shared/dom';
import { onLanguageChange, t } from '../shared/i18n';

/** A big on/off switch for the shift; `aria-pressed` tells assistive tech its state. */
export function shiftToggle(onToggle: (onShift: boolean) => void): { element: HTMLElement; set: (onShift: boolean) => void } {
  let current = false;
  const state = h('strong', {});
  const button = h('button', { type: 'button', class: 'big', id: 'shift-toggle', onclick: () => onToggle(!current) });
  const hint = h('p', { class: 'hint' });
  const render = () => {
    state.textContent = current ? t('courier.shiftOn') : t('courier.shiftOff');
    button.textContent = current ? t('courier.endShift') : t('courier.startShift');
    button.setAttribute('aria-pressed', String(current));
    button.className = current ? 'big danger' : 'big primary';
    hint.textContent = current ? t('courier.waiting') : t('courier.offShiftHint');
  };
  onLanguageChange(render);
  render();
  return {
    element: h('section', { class: 'card stack' }, state, button, hint),
    set(onShift) {
      current = onShift;
      render();
    },
  };
}
