import { isLoopbackAddress } from '../channels/directline/loopback';

/** What a serviceUrl's text says, whatever the bot's own origin: unusable, or its origin and whether it is loopback. */
type ServiceUrlFacts = { usable: false } | { usable: true; loopback: boolean; origin: string };

/**
 * serviceUrls read so far: a channel sends the same few on every activity, and parsing one (WHATWG URL) is a
 * noticeable part of a short turn. Bounded: emptied when full, so odd values sent by anyone cannot grow it.
 */
const FACTS_KEPT = 256;
const factsByUrl = new Map<string, ServiceUrlFacts>();

function factsOf(serviceUrl: string): ServiceUrlFacts {
  const known = factsByUrl.get(serviceUrl);
  if (known) return known;
  const facts = readFacts(serviceUrl);
  if (factsByUrl.size >= FACTS_KEPT) factsByUrl.clear();
  factsByUrl.set(serviceUrl, facts);
  return facts;
}

function readFacts(serviceUrl: string): ServiceUrlFacts {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return { usable: false };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { usable: false };
  if (url.username !== '' || url.password !== '') return { usable: false };
  // WHATWG URL has already normalised the host: 'http://2130706433/' and 'http://0x7f.1/' read as 127.0.0.1.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { usable: true, loopback: host === 'localhost' || isLoopbackAddress(host), origin: url.origin };
}

/**
 * Where the bot may send replies in local mode. Without an app id nothing vouches for an activity's `serviceUrl`,
 * and the bot POSTs its replies there: left open, anyone reaching /api/messages could make the bot send requests to
 * any address it can reach (cloud metadata, the intranet). So in local mode only this machine is a channel:
 * loopback addresses and `localhost`, the bot's own origin (its local Direct Line), and the configured Direct Line.
 */
export function localServiceUrlPolicy(options: { ownOrigin: () => string | undefined; directLineOrigin?: string }): (serviceUrl: string) => boolean {
  return (serviceUrl: string): boolean => {
    const facts = factsOf(serviceUrl);
    if (!facts.usable) return false;
    if (facts.loopback) return true;
    if (options.directLineOrigin !== undefined && facts.origin === options.directLineOrigin) return true;
    const own = options.ownOrigin();
    return own !== undefined && facts.origin === own;
  };
}
