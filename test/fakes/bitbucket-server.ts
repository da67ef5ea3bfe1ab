/**
 * A fake Bitbucket on 127.0.0.1 for wire-level tests: Cloud build statuses
 * (POST/GET /2.0/repositories/{workspace}/{repo_slug}/commit/{commit}/statuses/build) and
 * Data Center build statuses (POST /rest/api/latest/projects/{key}/repos/{slug}/commits/{id}/builds),
 * with Bitbucket's validation: an Authorization header accepted by the tokens given, keys of at
 * most 40 characters (else 400), the host's own states, a name and a url. The same key updates
 * the status; every post is recorded per commit. Scriptable 401/403/5xx answers.
 *
 * Only Node built-ins and type-strippable syntax, like the other fakes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CLOUD_STATES = ['INPROGRESS', 'SUCCESSFUL', 'FAILED', 'STOPPED'];
export const SERVER_STATES = ['INPROGRESS', 'SUCCESSFUL', 'FAILED', 'CANCELLED', 'UNKNOWN'];

export interface BitbucketStatus {
  /** Which API it came through. */
  flavour: 'cloud' | 'server';
  /** workspace/slug (Cloud) or PROJECT/slug (Data Center). */
  repository: string;
  commit: string;
  key: string;
  state: string;
  name: string | undefined;
  url: string | undefined;
  description: string | undefined;
  /** Cloud's refname or Data Center's ref. */
  ref: string | undefined;
  authorization: string;
}

export interface BitbucketRequest {
  method: string;
  path: string;
  status: number;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeBitbucketOptions {
  /** Accepted Authorization header values; default: Bearer bb-access-token. */
  readonly authorizations?: readonly string[];
}

export interface FakeBitbucket {
  readonly url: string;
  readonly requests: BitbucketRequest[];
  /** Every status posted for a commit, in order (updates included). */
  statuses(commit: string): BitbucketStatus[];
  /** The next `count` (default 1) status posts are answered with this HTTP status. */
  failNext(status: 401 | 403 | 500 | 502 | 503, count?: number): void;
  close(): Promise<void>;
}

export const ACCESS_TOKEN = 'bb-access-token-0123456789abcdef';
export const API_USER = 'dev@example.com';
export const API_TOKEN = 'ATATT3xFfGF0-api-token-0123456789';
export const BASIC = `Basic ${Buffer.from(`${API_USER}:${API_TOKEN}`).toString('base64')}`;

const CLOUD_PATH =
  /^\/2\.0\/repositories\/([^/]+)\/([^/]+)\/commit\/([0-9a-f]{7,40})\/statuses\/build\/?$/;
const SERVER_PATH =
  /^\/rest\/api\/latest\/projects\/([^/]+)\/repos\/([^/]+)\/commits\/([0-9a-f]{7,40})\/builds\/?$/;

export async function startFakeBitbucket(
  options: FakeBitbucketOptions = {},
): Promise<FakeBitbucket> {
  const accepted = new Set(options.authorizations ?? [`Bearer ${ACCESS_TOKEN}`, BASIC]);
  const recorded: BitbucketStatus[] = [];
  const requests: BitbucketRequest[] = [];
  const failures: number[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const [status, answer] = handle(req, body);
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        status,
        authorization: req.headers.authorization,
        body,
      });
      send(res, status, answer);
    });
  });

  function handle(req: IncomingMessage, body: unknown): [number, unknown] {
    const path = (req.url ?? '').split('?')[0]!;
    const cloud = CLOUD_PATH.exec(path);
    const dc = cloud ? null : SERVER_PATH.exec(path);
    const match = cloud ?? dc;
    if (!match) return [404, { type: 'error', error: { message: `No route for ${path}` } }];
    const part = (i: number): string => decodeURIComponent(match[i] ?? '');
    const [owner, slug, commit] = [part(1), part(2), part(3)];
    const repository = `${owner}/${slug}`;
    if (req.method === 'GET') {
      const values = latest(recorded.filter((s) => s.commit === commit));
      return [200, cloud ? { values, size: values.length } : { values, size: values.length }];
    }
    if (req.method !== 'POST') return [405, error(!!cloud, 'Method not allowed')];
    const authorization = req.headers.authorization;
    if (!authorization) return [401, error(!!cloud, 'Authentication required')];
    if (!accepted.has(authorization)) return [401, error(!!cloud, 'Invalid credentials')];
    if (failures.length > 0) {
      const code = failures.shift()!;
      return [
        code,
        error(!!cloud, code === 403 ? 'Forbidden: scope repository:write' : 'Internal error'),
      ];
    }
    if (typeof body !== 'object' || body === null)
      return [400, error(!!cloud, 'Body must be JSON')];
    const fields = body as Record<string, unknown>;
    const str = (name: string): string | undefined =>
      typeof fields[name] === 'string' ? fields[name] : undefined;
    const key = str('key');
    const state = str('state');
    if (!key) return [400, error(!!cloud, 'key: This field is required.')];
    if (key.length > 40)
      return [400, error(!!cloud, 'key: Ensure this value has at most 40 characters.')];
    if (!state || !(cloud ? CLOUD_STATES : SERVER_STATES).includes(state))
      return [400, error(!!cloud, `state: "${state}" is not a valid choice.`)];
    const url = str('url');
    if (!url) return [400, error(!!cloud, 'url: This field is required.')];
    if (dc && !str('name')) return [400, error(false, 'name is required')];
    const known = new Set(
      cloud
        ? ['key', 'state', 'name', 'url', 'description', 'refname']
        : [
            'key',
            'state',
            'name',
            'url',
            'description',
            'ref',
            'parent',
            'buildNumber',
            'duration',
          ],
    );
    const unknown = Object.keys(fields).filter((name) => !known.has(name));
    if (unknown.length > 0) return [400, error(!!cloud, `Unknown fields: ${unknown.join(', ')}`)];
    const status: BitbucketStatus = {
      flavour: cloud ? 'cloud' : 'server',
      repository,
      commit,
      key,
      state,
      name: str('name'),
      url,
      description: str('description'),
      ref: cloud ? str('refname') : str('ref'),
      authorization,
    };
    recorded.push(status);
    // Cloud answers 201 with the status; Data Center 204 with no body.
    return cloud ? [201, { type: 'build', ...fields }] : [204, undefined];
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    statuses: (commit) => recorded.filter((s) => s.commit === commit),
    failNext(status, count = 1) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function latest(statuses: BitbucketStatus[]): BitbucketStatus[] {
  const byKey = new Map<string, BitbucketStatus>();
  for (const status of statuses) byKey.set(status.key, status);
  return [...byKey.values()];
}

function error(cloud: boolean, message: string): unknown {
  return cloud ? { type: 'error', error: { message } } : { errors: [{ message }] };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
