import { BlockList, isIP } from 'node:net';
import type { Request } from 'restify';

/** '::ffff:10.0.0.1' -> '10.0.0.1' (a dual-stack server reports IPv4 peers so); anything else unchanged. */
export function plainAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  if (lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4) return lower.slice(7);
  return lower;
}

/** An X-Forwarded-For hop: a bare address, or one written '[v6]:port' / 'v4:port' by some proxies. */
function hopAddress(hop: string): string | undefined {
  let value = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const plain = plainAddress(value);
  return isIP(plain) === 0 ? undefined : plain;
}

/** The eight 16-bit groups of an IPv6 address as four hex digits each ('::1' -> 0000 ... 0001). */
function ipv6Groups(address: string): string[] {
  let text = address;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail[1].split('.').map(Number);
    text = `${text.slice(0, -tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const middle = rest === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => group.padStart(4, '0'));
}

/**
 * Who a rate limit counts a request against: an IPv4 address as it is; an IPv6 address by its /64, since one
 * subscriber usually holds a whole /64 and could otherwise take a fresh address (and a fresh budget) per request.
 */
export function clientKey(address: string): string {
  const plain = plainAddress(address);
  if (isIP(plain) !== 6) return plain;
  return `${ipv6Groups(plain).slice(0, 4).join(':')}::/64`;
}

/**
 * Tells clients apart behind reverse proxies. The connecting address is the client, unless it is a trusted proxy:
 * then X-Forwarded-For is read from the right (each proxy appends the address it was connected from) and the first
 * address that is not a trusted proxy is the client. Hops further left were written by that client and prove
 * nothing, so a forged header from an untrusted address changes nothing.
 */
export class ClientAddresses {
  private readonly trusted = new BlockList();
  private readonly any: boolean;

  constructor(trustedProxies: readonly string[]) {
    for (const entry of trustedProxies) {
      const [address, prefix] = entry.split('/');
      const plain = plainAddress(address);
      const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.trusted.addAddress(plain, family);
      else this.trusted.addSubnet(plain, Number(prefix), family);
    }
    this.any = trustedProxies.length > 0;
  }

  isTrusted(address: string): boolean {
    if (!this.any) return false;
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && this.trusted.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** The client's address for a connection from `remoteAddress` carrying `forwardedFor` (the header's values). */
  resolve(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined): string {
    const remote = plainAddress(remoteAddress ?? 'unknown');
    if (!this.isTrusted(remote) || forwardedFor === undefined) return remote;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',');
    let client = remote;
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = hopAddress(hops[i]);
      // A hop a trusted proxy wrote that is not an address: stop at the proxy itself (shared, never a fresh bucket).
      if (hop === undefined) return client;
      client = hop;
      if (!this.isTrusted(hop)) return hop;
    }
    return client;
  }

  /** The client address of a request (its socket, or the forwarded hop a trusted proxy vouches for). */
  of(req: Request): string {
    return this.resolve(req.socket?.remoteAddress, req.headers['x-forwarded-for']);
  }
}

const CLIENT_ADDRESS = Symbol('clientAddress');
type WithClientAddress = Request & { [CLIENT_ADDRESS]?: string };

/** Resolves a request's client once, when it arrives (installRequestHandling does this for every request). */
export function rememberClientAddress(req: Request, addresses: ClientAddresses): void {
  (req as WithClientAddress)[CLIENT_ADDRESS] = addresses.of(req);
}

/** The request's client address, for per-client limits; the bare socket address if none was resolved. */
export function clientAddressOf(req: Request): string {
  return (req as WithClientAddress)[CLIENT_ADDRESS] ?? plainAddress(req.socket?.remoteAddress ?? 'unknown');
}

/** The key per-client limits count a request against (an IPv6 client by its /64, see clientKey). */
export function clientKeyOf(req: Request): string {
  return clientKey(clientAddressOf(req));
}
