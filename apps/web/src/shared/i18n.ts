import { en, fr, MessageKey } from './messages';

export type Language = 'en' | 'fr';
export type { MessageKey };

const STORAGE_KEY = 'bd.language';
const dictionaries: Record<Language, Record<MessageKey, string>> = { en, fr };
const listeners = new Set<() => void>();

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'fr') return stored;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

let current: Language = initialLanguage();
document.documentElement.lang = current;

export function language(): Language {
  return current;
}

/** Looks a text up in the current language and fills `{placeholders}`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return dictionaries[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Switches language, remembers the choice, and lets every view re-render its text. */
export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  translateStatic(document.body);
  listeners.forEach((listener) => listener());
}

/** Runs `render` now and again after every language switch. */
export function onLanguageChange(render: () => void): void {
  listeners.add(render);
}

/** Elements built with a `data-i18n` key keep their text in the current language. */
export function translateStatic(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n as MessageKey);
  });
}
