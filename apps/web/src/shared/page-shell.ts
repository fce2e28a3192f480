import { h } from './dom';
import { language, MessageKey, setLanguage, t, onLanguageChange } from './i18n';

export interface PageShell {
  main: HTMLElement;
  liveBadge: HTMLElement;
  /** Shows the sign-out button once someone is signed in. */
  showSignOut(onSignOut: () => void): void;
  /** A polite announcement for screen readers and a visible toast. */
  announce(message: string, tone?: 'info' | 'error'): void;
}

/** Header (title, live badge, language switch, sign out), main area and a status line. */
export function renderShell(root: HTMLElement, titleKey: MessageKey): PageShell {
  const liveBadge = h('span', { class: 'live', 'aria-live': 'polite' });
  const languageButton = h('button', { type: 'button', class: 'link-button', onclick: () => setLanguage(language() === 'fr' ? 'en' : 'fr') });
  const renderLanguageButton = () => {
    languageButton.textContent = t('lang.switch');
    languageButton.setAttribute('aria-label', t('lang.switchLabel'));
    document.title = `${t(titleKey)} · ${t('app.name')}`;
  };
  onLanguageChange(renderLanguageButton);
  renderLanguageButton();
  const signOut = h('button', { type: 'button', class: 'link-button', hidden: true, i18n: 'logout' });
  const status = h('p', { class: 'toast', role: 'status', 'aria-live': 'polite' });
  const main = h('main', { class: 'main' });
  root.replaceChildren(
    h('header', { class: 'topbar' }, h('h1', { i18n: titleKey }), liveBadge, h('span', { class: 'spacer' }), languageButton, signOut),
    main,
    status,
  );
  liveBadge.hidden = true;
  let toastTimer: number | undefined;
  return {
    main,
    liveBadge,
    showSignOut(onSignOut) {
      signOut.hidden = false;
      signOut.onclick = onSignOut;
    },
    announce(message, tone = 'info') {
      status.textContent = message;
      status.dataset.tone = tone;
      status.classList.add('toast--shown');
      clearTimeout(toastTimer);
      toastTimer = window.setTimeout(() => status.classList.remove('toast--shown'), 5000);
    },
  };
}
