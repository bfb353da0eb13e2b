import type { LoginLinkJson } from '../shared/api/admin.js';
import { countryName } from '../shared/domain/countries.js';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A printable HTML sheet for the registration desk: one page per delegation, each person's name, role and
 * one-time link. Plain HTML with print CSS, no scripts.
 */
export function inviteSheetHtml(links: LoginLinkJson[], conference: string): string {
  const groups = new Map<string, LoginLinkJson[]>();
  for (const link of links) groups.set(link.delegation ?? '', [...(groups.get(link.delegation ?? '') ?? []), link]);
  const pages = [...groups.entries()]
    .map(([code, group]) => {
      const title = code ? `${code} — ${countryName(code)}` : 'Conference staff';
      const items = group
        .map(
          (l) =>
            `<li><strong>${escape(l.displayName)}</strong> (${escape(l.username)}, ${escape(l.role)})<br><code>${escape(l.url)}</code><br><small>Valid until ${escape(l.expiresAt)}</small></li>`,
        )
        .join('\n');
      return `<section><h1>${escape(conference)}</h1><h2>Login links — ${escape(title)}</h2>
<p>Open your link on your own device. It works once; afterwards you stay signed in on that device.</p><ol>${items}</ol></section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Accord login links</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}section{break-after:page}code{word-break:break-all}li{margin-bottom:1rem}</style>
</head><body>${pages}</body></html>`;
}
