import * as http from 'http';
import { after, before, beforeEach } from 'node:test';
import type { AddressInfo } from 'net';

// A small stand-in for api.github.com on 127.0.0.1: the issue-comment endpoints the action uses
// (list with pagination, create, update, delete) and GraphQL's minimizeComment. It keeps the
// comments in memory and records every request, so tests assert exactly what was sent.

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /repos/acme/app/issues/7/comments?per_page=100&page=1 */
  url: string;
  authorization: string | undefined;
  body: unknown;
}

export interface StoredComment {
  id: number;
  node_id: string;
  body: string;
  user: { login: string };
  minimized: boolean;
}

export interface MockOptions {
  /** Status returned for every comment creation, update, deletion and minimize (e.g. 403 for a fork's token). */
  denyWrites?: number;
}

export class MockGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments = new Map<number, StoredComment[]>();
  private nextId = 1000;
  private server: http.Server | null = null;
  options: MockOptions = {};

  get url(): string {
    const addr = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${addr.port}`;
  }

  /** Seeds a comment as if someone (or an earlier run) had posted it. */
  addComment(issue: number, body: string, login = 'octocat'): StoredComment {
    const c: StoredComment = { id: this.nextId++, node_id: `IC_node${this.nextId}`, body, user: { login }, minimized: false };
    this.list(issue).push(c);
    return c;
  }

  list(issue: number): StoredComment[] {
    if (!this.comments.has(issue)) this.comments.set(issue, []);
    return this.comments.get(issue)!;
  }

  reset(): void {
    this.requests.length = 0;
    this.comments.clear();
    this.options = {};
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = text ? JSON.parse(text) : null;
        this.requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
        const [status, payload] = this.route(req.method!, new URL(req.url!, 'http://127.0.0.1'), body);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(payload === null ? '' : JSON.stringify(payload));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private find(id: number): { issue: number; index: number } | null {
    for (const [issue, list] of this.comments) {
      const index = list.findIndex((c) => c.id === id);
      if (index >= 0) return { issue, index };
    }
    return null;
  }

  private route(method: string, url: URL, body: any): [number, unknown] {
    const denied: [number, unknown] = [this.options.denyWrites ?? 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }];
    let m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (m && method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const all = this.list(Number(m[1]));
      return [200, all.slice((page - 1) * perPage, page * perPage).map(({ minimized: _, ...c }) => c)];
    }
    if (m && method === 'POST') {
      if (this.options.denyWrites) return denied;
      const { minimized: _, ...c } = this.addComment(Number(m[1]), body.body, 'github-actions[bot]');
      return [201, c];
    }
    m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (m) {
      const at = this.find(Number(m[1]));
      if (!at) return [404, { message: 'Not Found' }];
      if (this.options.denyWrites) return denied;
      const list = this.list(at.issue);
      if (method === 'PATCH') {
        list[at.index].body = body.body;
        const { minimized: _, ...c } = list[at.index];
        return [200, c];
      }
      if (method === 'DELETE') {
        list.splice(at.index, 1);
        return [204, null];
      }
    }
    if (url.pathname === '/graphql' && method === 'POST') {
      if (this.options.denyWrites) return [200, { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] }];
      const id = body?.variables?.id;
      for (const list of this.comments.values()) {
        const c = list.find((x) => x.node_id === id);
        if (c) {
          c.minimized = true;
          return [200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } }];
        }
      }
      return [200, { data: null, errors: [{ type: 'NOT_FOUND', message: `no node ${id}` }] }];
    }
    return [404, { message: `mock GitHub has no route for ${method} ${url.pathname}` }];
  }
}

/** A mock API for a whole test file: started before its tests, emptied before each, stopped (and the repos removed) after. */
export function mockGitHubForFile(cleanup: () => void): MockGitHub {
  const api = new MockGitHub();
  before(() => api.start());
  after(async () => {
    await api.stop();
    cleanup();
  });
  beforeEach(() => api.reset());
  return api;
}
