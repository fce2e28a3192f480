/** What the login returns, as the pages keep it between reloads. */
export interface Session {
  accessToken: string;
  user: { id: string; role: string; cooperativeId: string | null; name: string; merchantId?: string | null; courierId?: string | null };
}

// One slot per page, so one browser can be a dispatcher in one tab and a courier in another.
const key = (page: string) => `bd.session.${page}`;

export function loadSession(page: string): Session | null {
  const raw = localStorage.getItem(key(page));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    localStorage.removeItem(key(page));
    return null;
  }
}

export function saveSession(page: string, session: Session): void {
  localStorage.setItem(key(page), JSON.stringify(session));
}

export function clearSession(page: string): void {
  localStorage.removeItem(key(page));
}
