/** Runtime settings the API serves at /app/config.json (see apps/api/src/web). */
export interface WebConfig {
  trackingUrl: string;
  tileUrl: string;
}

export async function loadConfig(): Promise<WebConfig> {
  const response = await fetch('/app/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as WebConfig;
}
