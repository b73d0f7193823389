/** The console's page and files: served from this server with a strict CSP, nosniff, and nothing outside its folder. */
import { call, injectApiBot, type InjectedApiBot } from '../api/helpers';
import { CONSOLE_CSP } from '../../bot/console/consoleRoutes';

describe('the console page and its files', () => {
  let api: InjectedApiBot;
  beforeAll(async () => {
    api = await injectApiBot();
  }, 60000);
  afterAll(async () => {
    await api?.bot.stop();
  });

  test('GET /console: the page with a CSP allowing only this server, nosniff, no framing, no caching', async () => {
    const r = await api.fetch(`${api.url}/console`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toMatch(/default-src 'none'/);
    expect(CONSOLE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const html = await r.text();
    expect(html).toContain('<script type="module" src="/console/app.js">');
    // no inline script or style, and nothing from another host
    expect(html).not.toMatch(/<script>(?!<)|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=|https?:\/\//);
  });

  test('its modules and styles are served with their types; anything else under /console is 404', async () => {
    for (const [file, type] of [
      ['/console/app.js', 'application/javascript; charset=utf-8'],
      ['/console/styles.css', 'text/css; charset=utf-8'],
      ['/console/lib/ui.js', 'application/javascript; charset=utf-8'],
      ['/console/pages/queue.js', 'application/javascript; charset=utf-8'],
    ]) {
      const r = await api.fetch(`${api.url}${file}`);
      expect([file, r.status, r.headers.get('content-type'), r.headers.get('x-content-type-options')]).toEqual([file, 200, type, 'nosniff']);
    }
    for (const file of ['/console/../package.json', '/console/%2e%2e/package.json', '/console/pages/..%2f..%2fpackage.json', '/console/index.html', '/console/pages/nope.js', '/console/a/b/c.js', '/console/app.ts']) {
      const r = await api.fetch(`${api.url}${file}`);
      expect([file, r.status]).toEqual([file, 404]);
    }
  });

  test('GET /console/api/strings: the console and consoleContent strings of one language, and the sector names', async () => {
    const it = await call<{ console: { login: { submit: string } }; sectors: Record<string, string> }>(api, 'GET', '/console/api/strings?lang=it');
    expect(it.status).toBe(200);
    expect(it.body.console.login.submit).toBe('Accedi');
    expect(Object.keys(it.body as object).sort()).toEqual(['console', 'consoleContent', 'sectors', 'staffLanguages']);
    // the console names a sector as the worker saw it in the chat
    expect(it.body.sectors.metalmeccanico).toBe('Metalmeccanico');
    expect(it.body.sectors.ict).toBe('Informatica e telecomunicazioni');
    const en = await call<{ console: { login: { submit: string } }; sectors: Record<string, string> }>(api, 'GET', '/console/api/strings?lang=en');
    expect(en.body.console.login.submit).toBe('Sign in');
    expect(en.body.sectors.ict).not.toBe(it.body.sectors.ict);
    expect((await call(api, 'GET', '/console/api/strings?lang=de')).status).toBe(400);
    expect((await call(api, 'GET', '/console/api/strings?lang=it&x=1')).status).toBe(400);
  });

  test('sign-in needs JSON with exactly name and password', async () => {
    expect((await call(api, 'POST', '/console/api/login', undefined, 'name=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await call(api, 'POST', '/console/api/login', undefined, { name: 'a', password: 'b', role: 'staff' })).status).toBe(400);
    expect((await call(api, 'POST', '/console/api/login', undefined, { name: { $ne: '' }, password: 'b' })).status).toBe(400);
  });
});
