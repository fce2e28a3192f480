/**
 * The metric names a Prometheus text exposition declares (`# TYPE name kind`), with the series
 * names a query may use for them: a histogram's `_bucket`, `_sum` and `_count`, a summary's
 * `_sum` and `_count`.
 */
export function exposedMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const match of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, kind] = match;
    names.add(name);
    if (kind === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    if (kind === 'summary') for (const suffix of ['_sum', '_count']) names.add(name + suffix);
  }
  return names;
}

/** The value of one sample line (`name{labels} value`) whose labels include `labels`, if any. */
export function sampleValue(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([label, value]) => line.includes(`${label}="${value}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan']);

/**
 * The metric names a PromQL expression reads: what is left once strings, label matchers,
 * grouping clauses, ranges and numbers are taken out, minus function names (followed by a
 * parenthesis) and keywords. Enough for the expressions of our dashboard.
 */
export function metricNamesOf(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*(\s*\()?/g)) {
    const [token, call] = match;
    const name = token.replace(/\s*\($/, '');
    if (call || keywords.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

interface DashboardPanel {
  targets?: { expr?: string }[];
  panels?: DashboardPanel[];
}

/** Every PromQL expression of a Grafana dashboard's panels (rows' nested panels included) and query variables. */
export function dashboardExpressions(dashboard: { panels?: DashboardPanel[]; templating?: { list?: { query?: unknown }[] } }): string[] {
  const expressions: string[] = [];
  const visit = (panels: DashboardPanel[] = []) => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) if (target.expr) expressions.push(target.expr);
      visit(panel.panels);
    }
  };
  visit(dashboard.panels);
  for (const variable of dashboard.templating?.list ?? []) {
    const query = typeof variable.query === 'string' ? variable.query : (variable.query as { query?: string } | undefined)?.query;
    const values = query?.match(/^label_values\((\w+),/);
    if (values) expressions.push(values[1]);
  }
  return expressions;
}
