import { isLoopbackAddress } from '../channels/directline/loopback';

/**
 * Where the bot may send replies in local mode. Without an app id nothing vouches for an activity's `serviceUrl`,
 * and the bot POSTs its replies there: left open, anyone reaching /api/messages could make the bot send requests to
 * any address it can reach (cloud metadata, the intranet). So in local mode only this machine is a channel:
 * loopback addresses and `localhost`, the bot's own origin (its local Direct Line), and the configured Direct Line.
 */
export function localServiceUrlPolicy(options: { ownOrigin: () => string | undefined; directLineOrigin?: string }): (serviceUrl: string) => boolean {
  return (serviceUrl: string): boolean => {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (url.username !== '' || url.password !== '') return false;
    // WHATWG URL has already normalised the host: 'http://2130706433/' and 'http://0x7f.1/' read as 127.0.0.1.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (host === 'localhost' || isLoopbackAddress(host)) return true;
    if (options.directLineOrigin !== undefined && url.origin === options.directLineOrigin) return true;
    const own = options.ownOrigin();
    return own !== undefined && url.origin === own;
  };
}
