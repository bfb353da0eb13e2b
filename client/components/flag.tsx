import '../styles/flag.css';
import { countryAlpha2 } from '../../shared/domain/countries.js';

/**
 * The URL of every flag of the flag-icons package (4:3), by lower-case alpha-2 code. Each SVG is its own file
 * in the build (`no-inline`: a data URL would put all of them into the bundle), fetched by the browser only
 * when a flag is drawn; no emoji font or network service is involved.
 */
const FLAG_URLS = import.meta.glob<string>('./*.svg', {
  base: '../../node_modules/flag-icons/flags/4x3',
  eager: true,
  query: '?url&no-inline',
  import: 'default',
});

const BY_ALPHA2 = new Map(
  Object.entries(FLAG_URLS).map(([file, url]) => [file.slice(file.lastIndexOf('/') + 1, -'.svg'.length), url]),
);

/** The URL of a State's flag from its ISO 3166-1 alpha-3 code, or null when there is none. */
export function flagUrl(code: string): string | null {
  const alpha2 = countryAlpha2(code);
  return alpha2 ? (BY_ALPHA2.get(alpha2.toLowerCase()) ?? null) : null;
}

/**
 * A State's flag with its ISO code beside it as text. The image is decorative (`alt=""`): the code, and the
 * name where the caller shows it, are what screen readers read, once. Sized in CSS (`.flag-img`).
 */
export function CountryFlag({ code }: { code: string }) {
  const url = flagUrl(code);
  return (
    <span class="flag" data-code={code}>
      {url ? <img class="flag-img" src={url} alt="" loading="lazy" decoding="async" /> : null}
      <span class="flag-code">{code}</span>
    </span>
  );
}
