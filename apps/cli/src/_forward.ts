/** Bytes that stand for themselves in a URL (RFC 3986's unreserved set); every other byte is %XX. */
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** A file name as it goes into a link: every byte outside the unreserved set percent-encoded. */
export function urlEncodeName(name: Uint8Array): string {
  let out = '';
  for (const byte of name) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Text made safe inside HTML, in element content and in quoted attributes alike. */
export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What a forward page is made of. */
export interface PageValues {
  server: string;
  home: string;
  /** The file's name as its bytes on disk. */
  file: Uint8Array;
  /** The same name as text, for people to read. */
  name: string;
}

/**
 * The chapter's substitution, in one pass so a value that happens to contain `$home$` is not
 * substituted again: `$server$` and `$home$` as given, `$file$` URL-encoded for the link,
 * `$name$` the name HTML-escaped for the text of the page.
 */
export function forwardPage(template: string, values: PageValues): string {
  return template.replace(/\$(server|home|file|name)\$/g, (_, key: string) => {
    if (key === 'server') return values.server;
    if (key === 'home') return values.home;
    if (key === 'file') return urlEncodeName(values.file);
    return htmlEscape(values.name);
  });
}
