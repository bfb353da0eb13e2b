/**
 * A request's address (`req.url`, `req.originalUrl`) as a URL, read as a path on this server. Given to `new
 * URL` with a base, an address starting with `//` is taken as another host's (`//[/a` cannot be, and throws):
 * here it stays a path, so reading one never throws and never looks elsewhere.
 */
export function requestUrl(address: string | undefined): URL {
  const path = address ?? '/';
  return new URL(`http://accord.invalid${path.startsWith('/') ? path : `/${path}`}`);
}
