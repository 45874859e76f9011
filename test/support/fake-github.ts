// A loopback stand-in for the parts of GitHub the Action talks to: the REST endpoints
// for issue comments (with Link-header pagination) and GET /user, and the Actions
// artifact service as @actions/artifact v6 calls it (Twirp JSON + Azure Blob block upload).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; id: number; type: string };
  issue: number;
}

export interface FakeArtifact {
  id: number;
  name: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  size: string;
  hash?: string;
  expiresAt?: string;
  zip: Buffer;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  authorization?: string;
}

/** A failure to inject: the next `times` requests matching method and path get `status`. */
export interface InjectedFailure {
  method: string;
  path: RegExp;
  status: number;
  times: number;
  message?: string;
}

export interface FakeGitHubOptions {
  /** Login GET /user answers with; undefined = 403 as for the Actions GITHUB_TOKEN. */
  userLogin?: string;
  /** Login that new comments are attributed to. Default github-actions[bot]. */
  commenterLogin?: string;
  /** Answer POST/PATCH on comments with 403, as for a fork's read-only token. */
  readOnly?: boolean;
}

export class FakeGitHub {
  readonly comments: FakeComment[] = [];
  readonly artifacts: FakeArtifact[] = [];
  readonly requests: RequestLogEntry[] = [];
  readonly failures: InjectedFailure[] = [];
  private server: Server;
  private nextId = 1000;
  private pendingArtifacts = new Map<string, { name: string; run: string; job: string; expiresAt?: string }>();
  private blobs = new Map<string, { blocks: Map<string, Buffer>; committed?: Buffer }>();
  url = '';

  constructor(public options: FakeGitHubOptions = {}) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => this.send(req, res, 500, { message: String(e) }));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addComment(issue: number, body: string, login: string): FakeComment {
    const c = { id: this.nextId++, body, user: { login, id: 1, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, issue };
    this.comments.push(c);
    return c;
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const failure = this.failures.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname));
    if (failure) {
      failure.times--;
      return this.send(req, res, failure.status, { message: failure.message ?? `injected ${failure.status}` });
    }
    let m: RegExpExecArray | null;
    if (method === 'GET' && url.pathname === '/user') {
      if (this.options.userLogin === undefined) return this.send(req, res, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user' });
      return this.send(req, res, 200, { login: this.options.userLogin, id: 7, type: 'User' });
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
      const [, owner, repo, issue] = m;
      if (method === 'GET') return this.listComments(req, res, owner!, repo!, Number(issue), url);
      if (method === 'POST') {
        if (this.options.readOnly) return this.forbidden(req, res);
        const c = this.addComment(Number(issue), String(JSON.parse(body.toString()).body), this.options.commenterLogin ?? 'github-actions[bot]');
        return this.send(req, res, 201, this.commentJson(c, owner!, repo!));
      }
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)) && method === 'PATCH') {
      if (this.options.readOnly) return this.forbidden(req, res);
      const c = this.comments.find((x) => x.id === Number(m![3]));
      if (!c) return this.send(req, res, 404, { message: 'Not Found' });
      c.body = String(JSON.parse(body.toString()).body);
      return this.send(req, res, 200, this.commentJson(c, m[1]!, m[2]!));
    }
    if ((m = /^\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(url.pathname)) && method === 'POST') {
      return this.twirp(req, res, m[1]!, JSON.parse(body.toString()));
    }
    if ((m = /^\/blob\/(.+)$/.exec(url.pathname)) && method === 'PUT') {
      return this.blobPut(req, res, m[1]!, url, body);
    }
    return this.send(req, res, 404, { message: `fake-github: no route for ${method} ${url.pathname}` });
  }

  private listComments(req: IncomingMessage, res: ServerResponse, owner: string, repo: string, issue: number, url: URL): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const all = this.commentsOn(issue);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const link = (p: number, rel: string) => `<${this.url}/repos/${owner}/${repo}/issues/${issue}/comments?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    this.send(req, res, 200, slice.map((c) => this.commentJson(c, owner, repo)), links.length ? { link: links.join(', ') } : {});
  }

  private commentJson(c: FakeComment, owner: string, repo: string): object {
    return {
      id: c.id, node_id: `IC_${c.id}`, body: c.body, user: c.user,
      url: `${this.url}/repos/${owner}/${repo}/issues/comments/${c.id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${this.url}/repos/${owner}/${repo}/issues/${c.issue}`,
      created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', author_association: 'NONE',
    };
  }

  private forbidden(req: IncomingMessage, res: ServerResponse): void {
    this.send(req, res, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment', status: '403' });
  }

  /** Requests come as protobuf JSON with the proto field names (useProtoFieldName), e.g. workflow_run_backend_id. */
  private twirp(req: IncomingMessage, res: ServerResponse, method: string, body: Record<string, string | undefined>): void {
    const data = {
      name: body.name,
      workflowRunBackendId: body.workflow_run_backend_id,
      workflowJobRunBackendId: body.workflow_job_run_backend_id,
      expiresAt: body.expires_at,
      size: body.size,
      hash: body.hash,
    };
    if (!data.name || !data.workflowRunBackendId || !data.workflowJobRunBackendId) {
      return this.send(req, res, 400, { code: 'invalid_argument', msg: `${method} needs name, workflow_run_backend_id and workflow_job_run_backend_id; got ${JSON.stringify(body)}` });
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ')) return this.send(req, res, 401, { code: 'unauthenticated', msg: 'missing bearer token' });
    if (method === 'CreateArtifact') {
      const key = `${data.workflowRunBackendId}/${data.workflowJobRunBackendId}/${data.name}`;
      if (this.artifacts.some((a) => `${a.workflowRunBackendId}/${a.workflowJobRunBackendId}/${a.name}` === key)) {
        return this.send(req, res, 409, { code: 'already_exists', msg: `an artifact named ${data.name} already exists` });
      }
      this.pendingArtifacts.set(key, { name: data.name!, run: data.workflowRunBackendId!, job: data.workflowJobRunBackendId!, ...(data.expiresAt ? { expiresAt: data.expiresAt } : {}) });
      const blob = `fakeaccount/artifacts/${encodeURIComponent(key)}.zip`;
      return this.send(req, res, 200, { ok: true, signedUploadUrl: `${this.url}/blob/${blob}?sig=fake-signature&se=2099-01-01` });
    }
    if (method === 'FinalizeArtifact') {
      const key = `${data.workflowRunBackendId}/${data.workflowJobRunBackendId}/${data.name}`;
      const pending = this.pendingArtifacts.get(key);
      const blob = this.blobs.get(`fakeaccount/artifacts/${encodeURIComponent(key)}.zip`);
      if (!pending || !blob?.committed) return this.send(req, res, 404, { code: 'not_found', msg: `no uploaded artifact ${data.name}` });
      const id = this.nextId++;
      this.artifacts.push({
        id, name: pending.name, workflowRunBackendId: pending.run, workflowJobRunBackendId: pending.job, size: String(data.size),
        ...(data.hash ? { hash: data.hash } : {}), ...(pending.expiresAt ? { expiresAt: pending.expiresAt } : {}), zip: blob.committed,
      });
      this.pendingArtifacts.delete(key);
      return this.send(req, res, 200, { ok: true, artifactId: String(id) });
    }
    this.send(req, res, 404, { code: 'bad_route', msg: `no method ${method}` });
  }

  private blobPut(req: IncomingMessage, res: ServerResponse, blobPath: string, url: URL, body: Buffer): void {
    const blob = this.blobs.get(blobPath) ?? { blocks: new Map<string, Buffer>() };
    this.blobs.set(blobPath, blob);
    const comp = url.searchParams.get('comp');
    const headers = { etag: '"0x8D00000000000"', 'last-modified': new Date().toUTCString(), 'x-ms-request-id': 'fake', 'x-ms-version': '2025-01-05', 'x-ms-request-server-encrypted': 'true' };
    if (comp === 'block') {
      blob.blocks.set(url.searchParams.get('blockid') ?? '', body);
      return this.sendRaw(req, res, 201, '', headers);
    }
    if (comp === 'blocklist') {
      const ids = [...body.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((x) => x[1]!);
      blob.committed = Buffer.concat(ids.map((id) => {
        const block = blob.blocks.get(id);
        if (!block) throw new Error(`blocklist names unknown block ${id}`);
        return block;
      }));
      return this.sendRaw(req, res, 201, '', headers);
    }
    blob.committed = body;
    this.sendRaw(req, res, 201, '', headers);
  }

  private send(req: IncomingMessage, res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
    this.sendRaw(req, res, status, JSON.stringify(json), { 'content-type': 'application/json; charset=utf-8', ...headers });
  }

  private sendRaw(req: IncomingMessage, res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
    this.requests.push({ method: req.method ?? '', path: req.url ?? '', status, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    res.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** An ACTIONS_RUNTIME_TOKEN as the runner issues it: a JWT whose scp names the run and job backend ids. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}` })}.c2ln`;
}

/** The entries of a zip file (stored or deflated), read from its central directory. */
export function readZip(zip: Buffer): { name: string; data: Buffer }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString();
    const localStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(localStart, localStart + compressedSize);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
