import { ConfigError, loadConfig } from '../../bot/config';

describe('configuration from the environment', () => {
  test('defaults need no variable at all', () => {
    const config = loadConfig({}, '/srv/bot');
    expect(config).toMatchObject({ port: 3978, dataDir: '/srv/bot/data', microsoftAppType: 'MultiTenant', logLevel: 'info', privacyNoticeUrl: '/privacy' });
    expect(config.mongodbUri).toBeUndefined();
    expect(config.microsoftAppId).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('every wrong variable is named, all at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud', MicrosoftAppType: 'Multi', MAX_BODY_BYTES: '12' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'MONGODB_URI', 'LOG_LEVEL', 'MicrosoftAppType', 'MAX_BODY_BYTES']) expect(problems).toContain(name);
  });

  test('a password without an app id, or SingleTenant without a tenant, is refused', () => {
    expect(() => loadConfig({ MicrosoftAppPassword: 'secret' })).toThrow(/MicrosoftAppId/);
    expect(() => loadConfig({ MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant' })).toThrow(/MicrosoftAppTenantId/);
  });

  test('values are read and trimmed', () => {
    const config = loadConfig({ PORT: '0', DATA_DIR: '/tmp/x', MONGODB_URI: 'mongodb://127.0.0.1:27017/db', MicrosoftAppId: ' abc ' });
    expect(config).toMatchObject({ port: 0, dataDir: '/tmp/x', mongodbUri: 'mongodb://127.0.0.1:27017/db', microsoftAppId: 'abc' });
  });
});
