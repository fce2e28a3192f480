import './styles.css';
import { useToken, whenUnauthorized } from './api-client';
import { loadConfig, WebConfig } from './config';
import type { MessageKey } from './i18n';
import { showLogin } from './login-view';
import { PageShell, renderShell } from './page-shell';
import { clearSession, loadSession, saveSession, Session } from './session';

export interface SignedInPage {
  config: WebConfig;
  session: Session;
  shell: PageShell;
}

/**
 * What every signed-in page does first: draw the shell, load the runtime config, sign in
 * (or reuse the stored session), then hand over to the page's own view.
 */
export async function startSignedInPage(
  page: string,
  titleKey: MessageKey,
  roles: readonly string[],
  render: (context: SignedInPage) => void | Promise<void>,
): Promise<void> {
  const shell = renderShell(document.getElementById('root')!, titleKey);
  const config = await loadConfig();
  let session = loadSession(page);
  if (!session || !roles.includes(session.user.role)) {
    session = await showLogin(shell.main, roles);
    saveSession(page, session);
  }
  const signOut = () => {
    clearSession(page);
    location.reload();
  };
  useToken(session.accessToken);
  // An expired token: back to the login form rather than a page of errors.
  whenUnauthorized(signOut);
  shell.showSignOut(signOut);
  shell.main.replaceChildren();
  await render({ config, session, shell });
}
