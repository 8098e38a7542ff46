import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const local = {
  apiBaseUrl: 'http://localhost:8080/api',
  region: 'local',
  auth: {
    authority: 'http://localhost:8081/hexatask',
    clientId: 'hexatask-local',
    scopes: 'openid email profile hexatask/api',
    managedLoginDomain: null,
  },
};

describe('/config.json', () => {
  it('reads what the local server serves', () => {
    expect(parseConfig(local)).toEqual(local);
  });

  it("takes Cognito's managed-login domain with or without its scheme, and drops trailing slashes", () => {
    const withDomain = (managedLoginDomain: string) =>
      parseConfig({ ...local, apiBaseUrl: 'https://api.example.com/', auth: { ...local.auth, managedLoginDomain } });
    expect(withDomain('hexatask-dev.auth.eu-west-1.amazoncognito.com').auth.managedLoginDomain).toBe(
      'https://hexatask-dev.auth.eu-west-1.amazoncognito.com',
    );
    expect(withDomain('https://hexatask-dev.auth.eu-west-1.amazoncognito.com/').auth.managedLoginDomain).toBe(
      'https://hexatask-dev.auth.eu-west-1.amazoncognito.com',
    );
    expect(withDomain('x').apiBaseUrl).toBe('https://api.example.com');
  });

  it('names what is missing', () => {
    expect(() => parseConfig({ ...local, auth: { ...local.auth, clientId: '' } })).toThrow(ConfigError);
    expect(() => parseConfig({ ...local, auth: { ...local.auth, clientId: '' } })).toThrow('auth.clientId');
    expect(() => parseConfig('nope')).toThrow('not a JSON object');
  });
});
