import type { Request, Response, Server } from 'restify';
import { languageOf, type Language } from '../../models/i18n';
import { directionOf } from '../../models/languages';
import type { PrivacyNotice } from '../../models/privacyNotice';
import { escapeHtml } from './errors';

/** The full privacy notice the welcome links to, as a plain accessible page; ?lang=en for English. */
export function registerPrivacyRoute(server: Server, notices: Record<Language, PrivacyNotice>): void {
  server.get('/privacy', (req: Request, res: Response, next) => {
    const language = languageOf(typeof req.query?.lang === 'string' ? req.query.lang : req.header('accept-language'));
    const notice = notices[language];
    const shown = notice.language ?? language;
    const body = `<!doctype html><html lang="${shown}" dir="${directionOf(shown)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(notice.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}</style></head>
<body><main><h1>${escapeHtml(notice.title)}</h1>${notice.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<p><small>${escapeHtml(notice.version)}</small></p></main></body></html>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    next();
  });
}
