import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer stand-in: each request goes to the next backend in turn (no sticky sessions), so consecutive
 * turns of one conversation, or a sign-in and the next call with its cookie, land on different bot instances.
 * A backend that refuses the connection (an instance that died) is skipped for the next one.
 */
export class RoundRobinProxy {
  /** requests answered by each backend, by index */
  readonly served: number[];
  private next = 0;
  private readonly server = http.createServer((req, res) => this.forward(req, res));
  url = '';

  constructor(private readonly backends: string[]) {
    this.served = backends.map(() => 0);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.tryBackend(req, Buffer.concat(chunks), res, 0));
  }

  private tryBackend(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, tried: number): void {
    if (tried >= this.backends.length) {
      res.writeHead(502).end();
      return;
    }
    const index = this.next;
    this.next = (this.next + 1) % this.backends.length;
    const target = new URL(req.url ?? '/', this.backends[index]);
    const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      this.served[index] += 1;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED' && !res.headersSent) this.tryBackend(req, body, res, tried + 1);
      else res.destroy();
    });
    upstream.end(body);
  }
}
