import { ConfigError, loadConfig, loadStoreLocation } from '../../bot/config';

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

  test('HANDOFF_HOURS and HANDOFF_WAIT_SECONDS: defaults, a value read, a wrong one named with its reason', () => {
    const defaults = loadConfig({}, '/srv/bot');
    expect(defaults.handoffHours[0]).toEqual([{ start: 540, end: 780 }, { start: 840, end: 1020 }]);
    expect(defaults.handoffHours[5]).toEqual([]);
    expect(defaults.handoffWaitMs).toBe(120_000);
    const set = loadConfig({ HANDOFF_HOURS: 'Mon-Thu 9-13; Fri 9-12', HANDOFF_WAIT_SECONDS: '60' }, '/srv/bot');
    expect(set.handoffHours[4]).toEqual([{ start: 540, end: 720 }]);
    expect(set.handoffWaitMs).toBe(60_000);
    expect(() => loadConfig({ HANDOFF_HOURS: 'Lunes-Viernes 9-13' })).toThrow(/HANDOFF_HOURS.*"Lunes-Viernes" is not a day/);
    expect(() => loadConfig({ HANDOFF_WAIT_SECONDS: '2' })).toThrow(/HANDOFF_WAIT_SECONDS/);
  });

  test('a password without an app id, or SingleTenant without a tenant, is refused', () => {
    expect(() => loadConfig({ MicrosoftAppPassword: 'secret' })).toThrow(/MicrosoftAppId/);
    expect(() => loadConfig({ MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant' })).toThrow(/MicrosoftAppTenantId/);
  });

  test('values are read and trimmed', () => {
    const config = loadConfig({ PORT: '0', DATA_DIR: '/tmp/x', MONGODB_URI: 'mongodb://127.0.0.1:27017/db', MicrosoftAppId: ' abc ' });
    expect(config).toMatchObject({ port: 0, dataDir: '/tmp/x', mongodbUri: 'mongodb://127.0.0.1:27017/db', microsoftAppId: 'abc' });
  });

  test('privacy details and sample projects: optional in development (listed to warn), required in production, one line each', () => {
    const dev = loadConfig({});
    expect(dev).toMatchObject({ production: false, privacyMissing: ['PRIVACY_CONTROLLER', 'PRIVACY_DPO_CONTACT', 'RETENTION_DAYS'], sampleProjects: 'inactive' });
    expect(dev.privacyController).toBeUndefined();
    const set = loadConfig({ PRIVACY_CONTROLLER: ' Ente ', PRIVACY_DPO_CONTACT: 'dpo@example.org', RETENTION_DAYS: '90', SAMPLE_PROJECTS: 'active', NODE_ENV: 'production' });
    expect(set).toMatchObject({ production: true, privacyController: 'Ente', privacyDpoContact: 'dpo@example.org', retentionDays: 90, privacyMissing: [], sampleProjects: 'active' });
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', PRIVACY_DPO_CONTACT: 'dpo@example.org' });
    } catch (err) {
      error = err;
    }
    expect((error as ConfigError).problems).toEqual([
      'PRIVACY_CONTROLLER is required when NODE_ENV=production (the privacy notice states it)',
      'RETENTION_DAYS is required when NODE_ENV=production (the privacy notice states it)',
    ]);
    expect(() => loadConfig({ SAMPLE_PROJECTS: 'yes' })).toThrow(/SAMPLE_PROJECTS must be one of inactive, active/);
  });
});

describe('the store location of the CLIs', () => {
  test('DATA_DIR and MONGODB_URI as the bot reads them, and no other variable', () => {
    expect(loadStoreLocation({ PORT: 'eighty' }, '/srv/bot')).toEqual({ dataDir: '/srv/bot/data', mongodbUri: undefined });
    expect(loadStoreLocation({ DATA_DIR: ' /var/adr ', MONGODB_URI: 'mongodb://db:27017/adr' }, '/srv/bot')).toEqual({ dataDir: '/var/adr', mongodbUri: 'mongodb://db:27017/adr' });
    expect(loadStoreLocation({ DATA_DIR: '', MONGODB_URI: '  ' }, '/srv/bot')).toEqual({ dataDir: '/srv/bot/data', mongodbUri: undefined });
  });

  test('a MongoDB URI of another scheme is refused as the bot refuses it', () => {
    expect(() => loadStoreLocation({ MONGODB_URI: 'http://db' })).toThrow(ConfigError);
    expect(() => loadConfig({ MONGODB_URI: 'http://db' })).toThrow(ConfigError);
  });
});
