import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAnswer {
  status: number;
  body?: unknown;
  /** Sent as it is, instead of `body` as JSON. */
  raw?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface FakeCall {
  path: string;
  url: string;
  at: number;
}

/**
 * A real HTTP server standing in for Brreg, Skatteetaten and NAV at once. Each test decides the
 * answer per path (exact path, query string ignored); unknown paths answer 404 with no body.
 */
export class FakeRegistry {
  readonly calls: FakeCall[] = [];
  private readonly answers = new Map<string, (url: URL) => FakeAnswer>();
  private server: Server | undefined;
  base = '';

  answer(path: string, answer: FakeAnswer | ((url: URL) => FakeAnswer)): void {
    this.answers.set(path, typeof answer === 'function' ? answer : () => answer);
  }

  /** An answer for the first `times` calls, then the path's previous answer again. */
  answerTimes(path: string, times: number, answer: FakeAnswer): void {
    const previous = this.answers.get(path);
    let left = times;
    this.answers.set(path, (url) => {
      if (left > 0) {
        left--;
        return answer;
      }
      return previous ? previous(url) : { status: 404 };
    });
  }

  callsTo(path: string): FakeCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      this.calls.push({ path: url.pathname, url: req.url ?? '', at: Date.now() });
      const answer = this.answers.get(url.pathname)?.(url) ?? { status: 404 };
      setTimeout(() => {
        const body = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(body);
      }, answer.delayMs ?? 0);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
