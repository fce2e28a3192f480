import { api, ApiError } from './api-client';
import { h } from './dom';
import { t } from './i18n';
import type { Session } from './session';

/** A sign-in form; resolves with the session once an account with one of `roles` signs in. */
export function showLogin(container: HTMLElement, roles: readonly string[]): Promise<Session> {
  return new Promise((resolve) => {
    const email = h('input', { id: 'login-email', type: 'email', name: 'email', autocomplete: 'username', required: true });
    const password = h('input', { id: 'login-password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'primary', i18n: 'login.submit' });
    const form = h(
      'form',
      { class: 'card login', 'aria-labelledby': 'login-title' },
      h('h2', { id: 'login-title', i18n: 'login.title' }),
      h('label', { for: 'login-email', i18n: 'login.email' }),
      email,
      h('label', { for: 'login-password', i18n: 'login.password' }),
      password,
      error,
      submit,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      submit.disabled = true;
      try {
        const session = await api<Session>('POST', '/auth/login', { email: email.value, password: password.value });
        if (!roles.includes(session.user.role)) error.textContent = t('login.wrongRole');
        else resolve(session);
      } catch (failure) {
        error.textContent = failure instanceof ApiError && failure.status === 401 ? t('login.failed') : t('error.generic', { detail: String((failure as Error).message) });
      } finally {
        submit.disabled = false;
      }
    });
    container.replaceChildren(form);
    email.focus();
  });
}
