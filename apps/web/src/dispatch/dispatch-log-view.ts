import { h } from '../shared/dom';
import { formatTime } from '../shared/format';
import { t } from '../shared/i18n';

/**
 * One recorded decision of GET /orders/:id/dispatch-log. The exact shape belongs to the
 * dispatch backend; this reads the fields the policy's decisions carry (reason, chosen
 * courier, candidates with scores) and tolerates the usual naming variants.
 */
export interface DispatchLogEntry {
  at?: string;
  createdAt?: string;
  decidedAt?: string;
  kind?: string;
  type?: string;
  outcome?: string;
  reason?: string;
  courierId?: string | null;
  chosenCourierId?: string | null;
  plannedCourierId?: string | null;
  score?: number;
  candidates?: { courierId: string; name?: string; score: number; terms?: Record<string, number> }[];
}

export type DispatchLog = DispatchLogEntry[] | { items?: DispatchLogEntry[]; decisions?: DispatchLogEntry[]; entries?: DispatchLogEntry[] };

export function logEntries(log: DispatchLog): DispatchLogEntry[] {
  if (Array.isArray(log)) return log;
  return log.items ?? log.decisions ?? log.entries ?? [];
}

/** The log as a list of decisions, each with its candidates table (best first). */
export function renderDispatchLog(log: DispatchLog, courierName: (id: string) => string): HTMLElement {
  const entries = logEntries(log);
  if (!entries.length) return h('p', { class: 'hint', i18n: 'dispatch.logEmpty' });
  return h('ol', { class: 'stack', 'aria-label': t('dispatch.log') }, ...entries.map((entry) => h('li', {}, renderEntry(entry, courierName))));
}

function renderEntry(entry: DispatchLogEntry, courierName: (id: string) => string): HTMLElement {
  const chosen = entry.chosenCourierId ?? entry.courierId ?? entry.plannedCourierId ?? null;
  const kind = entry.kind ?? entry.type ?? entry.outcome ?? '';
  const candidates = [...(entry.candidates ?? [])].sort((a, b) => a.score - b.score);
  return h(
    'div',
    { class: 'stack' },
    h('span', {}, h('strong', {}, formatTime(entry.at ?? entry.createdAt ?? entry.decidedAt)), ' ', kind, chosen ? ` → ${courierName(chosen)}` : ''),
    entry.reason ? h('span', { class: 'muted' }, `${t('dispatch.reason')}: ${entry.reason}`) : null,
    candidates.length
      ? h(
          'table',
          { class: 'log' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', i18n: 'dispatch.candidate' }), h('th', { scope: 'col', i18n: 'dispatch.score' }))),
          h(
            'tbody',
            {},
            ...candidates.map((candidate) =>
              h(
                'tr',
                { class: candidate.courierId === chosen ? 'chosen' : '', title: termsText(candidate.terms) },
                h('td', {}, candidate.name ?? courierName(candidate.courierId), candidate.courierId === chosen ? ` (${t('dispatch.chosen')})` : ''),
                h('td', {}, candidate.score.toFixed(1)),
              ),
            ),
          ),
        )
      : null,
  );
}

// What made up a score, for the row's tooltip: "detour 4.2 · wait 1.0".
function termsText(terms: Record<string, number> | undefined): string {
  return Object.entries(terms ?? {})
    .map(([name, value]) => `${name} ${value.toFixed(1)}`)
    .join(' · ');
}
