// The few GitHub REST endpoints the sticky comment needs, over Node's global fetch, plus GraphQL's
// minimizeComment for hide-and-new. No retries: a failed request is reported, and the next push
// runs the action again.

export interface IssueComment {
  id: number;
  node_id: string;
  body: string;
}

/** A request GitHub refused; `status` 403/404 on writes means the token may not write here. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly route: string,
    message: string,
  ) {
    super(`${method} ${route}: HTTP ${status}${message ? ': ' + message : ''}`);
  }
}

const PER_PAGE = 100;
/** A pull request with more comments than this is not searched further (GitHub's UI stops well before). */
const MAX_PAGES = 50;

export class GitHubClient {
  constructor(
    private readonly apiUrl: string,
    private readonly graphqlUrl: string,
    private readonly token: string,
    private readonly repository: string,
  ) {}

  private async request(method: string, url: string, route: string, body?: unknown): Promise<unknown> {
    const res = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/json',
        'user-agent': 'tollgate-action',
        'x-github-api-version': '2022-11-28',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text.slice(0, 300);
      try {
        message = String((JSON.parse(text) as { message?: unknown }).message ?? message);
      } catch {
        // Not JSON (a proxy's error page): keep the start of the text.
      }
      throw new ApiError(res.status, method, route, message);
    }
    return text ? JSON.parse(text) : null;
  }

  private rest(method: string, route: string, body?: unknown, query = ''): Promise<unknown> {
    return this.request(method, `${this.apiUrl.replace(/\/+$/, '')}/repos/${this.repository}${route}${query}`, route, body);
  }

  /** Every comment on the pull request, oldest first, page by page. */
  async listComments(issue: number): Promise<IssueComment[]> {
    const all: IssueComment[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const batch = (await this.rest('GET', `/issues/${issue}/comments`, undefined, `?per_page=${PER_PAGE}&page=${page}`)) as IssueComment[];
      all.push(...batch.map((c) => ({ id: c.id, node_id: c.node_id, body: c.body ?? '' })));
      if (batch.length < PER_PAGE) break;
    }
    return all;
  }

  async createComment(issue: number, body: string): Promise<IssueComment> {
    return (await this.rest('POST', `/issues/${issue}/comments`, { body })) as IssueComment;
  }

  async updateComment(id: number, body: string): Promise<void> {
    await this.rest('PATCH', `/issues/comments/${id}`, { body });
  }

  async deleteComment(id: number): Promise<void> {
    await this.rest('DELETE', `/issues/comments/${id}`);
  }

  /** Collapses a comment as outdated (GitHub's "hide"); only GraphQL offers it. */
  async minimizeComment(nodeId: string): Promise<void> {
    const query = 'mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }';
    const res = (await this.request('POST', this.graphqlUrl, '/graphql', { query, variables: { id: nodeId } })) as { errors?: Array<{ message?: string; type?: string }> };
    if (res?.errors?.length) {
      const denied = res.errors.some((e) => e.type === 'FORBIDDEN');
      throw new ApiError(denied ? 403 : 422, 'POST', '/graphql minimizeComment', res.errors.map((e) => e.message ?? '').join('; '));
    }
  }
}
