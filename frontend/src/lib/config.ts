/** What the app reads from /config.json at start: one build runs everywhere, each place says where things are. */
export interface AppConfig {
  apiBaseUrl: string;
  region: string;
  auth: {
    authority: string;
    clientId: string;
    scopes: string;
    /** Cognito's managed-login domain in AWS (sign-up and sign-out go there); null on the local stack. */
    managedLoginDomain: string | null;
  };
}

export class ConfigError extends Error {}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(`/config.json: "${name}" must be a non-empty string`);
  }
  return value;
}

export function parseConfig(raw: unknown): AppConfig {
  if (typeof raw !== 'object' || raw === null) {
    throw new ConfigError('/config.json is not a JSON object');
  }
  const root = raw as Record<string, unknown>;
  const auth = (typeof root.auth === 'object' && root.auth !== null ? root.auth : {}) as Record<string, unknown>;
  const domain = auth.managedLoginDomain;
  return {
    apiBaseUrl: text(root.apiBaseUrl, 'apiBaseUrl').replace(/\/+$/, ''),
    region: typeof root.region === 'string' ? root.region : 'local',
    auth: {
      authority: text(auth.authority, 'auth.authority'),
      clientId: text(auth.clientId, 'auth.clientId'),
      scopes: text(auth.scopes, 'auth.scopes'),
      managedLoginDomain:
        typeof domain === 'string' && domain !== ''
          ? (/^https?:\/\//.test(domain) ? domain : `https://${domain}`).replace(/\/+$/, '')
          : null,
    },
  };
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) {
    throw new ConfigError(`/config.json answered ${response.status}`);
  }
  return parseConfig(await response.json());
}
