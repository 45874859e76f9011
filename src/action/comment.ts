// The sticky PR comment: one per job and matrix leg, found again by a hidden marker
// and by its author being this token's own login, updated in place.
import type { GitHubClient } from './github-client.js';

export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface StickyCommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  marker: string;
}

export type StickyResult =
  | { action: 'created' | 'updated'; id: number; url: string }
  | { action: 'skipped'; reason: string };

/** `<!-- modleak:<job>:<leg> -->`, with anything that could end the HTML comment removed. */
export function commentMarker(job: string, leg: string): string {
  const clean = (s: string) => s.replace(/--+/g, '-').replace(/[<>\r\n]/g, '');
  return `<!-- modleak:${clean(job)}:${clean(leg)} -->`;
}

/**
 * The login comments by this token appear under. GET /user answers for a PAT; the
 * Actions GITHUB_TOKEN gets 403 there and comments as github-actions[bot].
 */
export async function ownLogin(client: GitHubClient): Promise<string | undefined> {
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return data.login;
  } catch {
    // 403 for the Actions token; anything else (a proxy, an outage) must not stop the comment.
    return undefined;
  }
}

function isBot(user: { login?: string; type?: string } | null | undefined): boolean {
  return user?.type === 'Bot' || (user?.login ?? '').endsWith('[bot]');
}

/**
 * Our comment carries the marker and was written by this token's login. Comments by
 * github-actions[bot] are accepted too: only this repository's workflows write as it.
 * When the login is unknown (GET /user refused, as for GITHUB_TOKEN), a bot account's
 * comment is accepted: a person cannot post as a bot.
 */
export async function findStickyComment(client: GitHubClient, target: StickyCommentTarget, login: string | undefined): Promise<{ id: number } | undefined> {
  const ours = (user: { login?: string; type?: string } | null | undefined) =>
    user?.login === ACTIONS_BOT_LOGIN || (login !== undefined ? user?.login === login : isBot(user));
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner, repo: target.repo, issue_number: target.issueNumber, per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((c) => ours(c.user) && (c.body ?? '').includes(target.marker));
    if (found) return { id: found.id };
  }
  return undefined;
}

/**
 * Updates this leg's comment, or creates it when `create` allows (comment: on-failure
 * does not create a comment for a clean run, but does turn an old one into "now clean").
 */
export async function upsertStickyComment(client: GitHubClient, target: StickyCommentTarget, body: string, create: boolean): Promise<StickyResult> {
  const login = await ownLogin(client);
  const existing = await findStickyComment(client, target, login);
  const fullBody = `${target.marker}\n${body}`;
  if (existing) {
    const { data } = await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body: fullBody });
    return { action: 'updated', id: data.id, url: data.html_url };
  }
  if (!create) return { action: 'skipped', reason: 'the run is within budget and there is no earlier comment to update' };
  const { data } = await client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body: fullBody });
  return { action: 'created', id: data.id, url: data.html_url };
}
