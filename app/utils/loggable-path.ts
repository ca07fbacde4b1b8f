// Tokens are long and random (an invitation's is 43 characters); record ids (cuid) are 25.
const tokenLike = /[A-Za-z0-9_-]{32,}/g;

/**
 * A request's path as a log may keep it: without the query string, which can carry anything (a redirectTo
 * with an invitation link in it, a search), and with every token-like segment masked, so that a link that
 * works as a credential (/invitations/:token, and any such route to come) is never written down.
 */
export function loggablePath(pathAndQuery: string): string {
  const query = pathAndQuery.indexOf("?");
  return (query === -1 ? pathAndQuery : pathAndQuery.slice(0, query)).replace(tokenLike, "…");
}
