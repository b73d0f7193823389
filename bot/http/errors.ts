import type { Response } from 'restify';

/** One JSON shape for every refusal: a stable code and a reason a developer can act on. */
export function sendError(res: Response, status: number, code: string, reason: string): void {
  res.status(status);
  res.json({ error: { code, reason } });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
