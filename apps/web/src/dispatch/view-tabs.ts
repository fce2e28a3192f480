import { h } from '../shared/dom';
import type { MessageKey } from '../shared/i18n';

export interface ViewTab {
  label: MessageKey;
  panel: HTMLElement;
  /** Run each time the tab is shown (a map re-measures its box, a report reloads). */
  onShow?: () => void;
}

/** Tabs that show one panel at a time (WAI-ARIA tabs: the first is shown at start). */
export function viewTabs(tabs: ViewTab[]): HTMLElement {
  const buttons = tabs.map((tab, index) =>
    h('button', { type: 'button', role: 'tab', class: 'tab', i18n: tab.label, 'aria-controls': tab.panel.id, 'aria-selected': String(index === 0), onclick: () => show(index) }),
  );
  const show = (chosen: number) => {
    tabs.forEach((tab, index) => {
      tab.panel.hidden = index !== chosen;
      buttons[index].setAttribute('aria-selected', String(index === chosen));
    });
    tabs[chosen].onShow?.();
  };
  return h('nav', { class: 'tabs', role: 'tablist' }, ...buttons);
}
