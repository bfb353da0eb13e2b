import type { Request } from 'express';
import type { Config } from '../config.js';

/**
 * The base URL written into one-time login links: `PUBLIC_URL`, else the configured host and port (the
 * address this server listens on). Never a request's `Host` header: a forged one (a misdirected proxy, a
 * rebound DNS name) would send live tokens to whoever names the host. Behind `TRUST_PROXY` the proxy's
 * `X-Forwarded-Host` is used only when it names one of `ALLOWED_ORIGINS`, and that origin (scheme included)
 * is what the link starts with.
 */
export function publicBaseUrl(config: Config, req: Request): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  if (config.TRUST_PROXY) {
    const forwarded = req.get('x-forwarded-host')?.split(',')[0]?.trim().toLowerCase();
    const origin = forwarded ? config.allowedOrigins.find((o) => hostOf(o) === forwarded) : undefined;
    if (origin) return origin;
  }
  return configuredUrl(config, req.socket.localAddress, req.socket.localPort);
}

/**
 * `http://HOST:PORT` as configured. Where the configuration leaves the choice to the system (`PORT=0`, or
 * `HOST` a wildcard such as 0.0.0.0), the address and port the connection actually reached stand in: both
 * are the socket's, not anything the client wrote.
 */
export function configuredUrl(
  config: Pick<Config, 'HOST' | 'PORT'>,
  localAddress?: string,
  localPort?: number,
): string {
  const wildcard = config.HOST === '0.0.0.0' || config.HOST === '::';
  let host = wildcard && localAddress ? localAddress.replace(/^::ffff:/, '') : config.HOST;
  if (host.includes(':')) host = `[${host}]`;
  const port = config.PORT === 0 && localPort ? localPort : config.PORT;
  return `http://${host}:${port}`;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}
