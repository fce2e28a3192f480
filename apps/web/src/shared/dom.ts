import { MessageKey, t } from './i18n';

type Child = Node | string | number | null | undefined | false;
type Props = {
  class?: string;
  /** A message key: the element shows it and follows language switches (see translateStatic). */
  i18n?: MessageKey;
  [name: string]: unknown;
};

/**
 * A tiny element builder, so views read as markup without a framework:
 * `h('button', { class: 'primary', onclick: go, i18n: 'courier.accept' })`.
 * `on*` functions become listeners, `aria-*`, `data-*`, `for`, `role` become attributes,
 * anything else is set as a property (value, disabled, type…).
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = String(value);
    else if (name === 'i18n') {
      element.dataset.i18n = String(value);
      element.textContent = t(value as MessageKey);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value as EventListener);
    } else if (/^(aria-|data-)|^(for|role|name|inputmode|autocomplete)$/.test(name)) {
      element.setAttribute(name, value === true ? '' : String(value));
    } else {
      (element as unknown as Record<string, unknown>)[name] = value;
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all of an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Batches repeated calls into one run on the next animation frame. */
export function everyFrame(work: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      work();
    });
  };
}
