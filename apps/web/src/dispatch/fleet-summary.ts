import { everyFrame, h } from '../shared/dom';
import { onLanguageChange, t } from '../shared/i18n';
import type { BoardStore } from './board-store';

/** "42 couriers on shift · 3 without recent position", kept current. */
export function fleetSummary(store: BoardStore): HTMLElement {
  const line = h('p', { class: 'muted', 'data-testid': 'fleet-summary' });
  const render = () => {
    const onShift = [...store.couriers.values()].filter((courier) => courier.onShift);
    const stale = onShift.filter((courier) => store.isStale(courier)).length;
    line.textContent = t('dispatch.counts', { onShift: onShift.length, stale });
  };
  store.onCouriersChanged(everyFrame(render));
  onLanguageChange(render);
  window.setInterval(render, 5_000);
  render();
  return line;
}
