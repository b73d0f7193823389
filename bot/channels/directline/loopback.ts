/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (plain === '::1' || plain === '0:0:0:0:0:0:0:1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(plain);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}

/**
 * True when the caller is this machine: a loopback address, or the server's own address (a bot listening on one
 * interface calls itself through it). Only our own bot posts to the Connector routes in local mode.
 */
export function isSameHostCaller(socket: { remoteAddress?: string; localAddress?: string }): boolean {
  if (isLoopbackAddress(socket.remoteAddress)) return true;
  return socket.remoteAddress !== undefined && socket.remoteAddress === socket.localAddress;
}

/** The origin this process reaches itself on, from the address it listens on ('0.0.0.0' and '::' -> loopback). */
export function loopbackOrigin(address: { address: string; family: string; port: number } | string | null): string {
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on a TCP port yet');
  const host = address.address;
  if (host === '0.0.0.0' || host === '' || host === '::' || host === '::ffff:0.0.0.0') return `http://127.0.0.1:${address.port}`;
  return host.includes(':') ? `http://[${host}]:${address.port}` : `http://${host}:${address.port}`;
}
