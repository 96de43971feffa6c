import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { atomicWrite } from '@sys/core';
import { decodeName, isWellFormed } from '../_bytes.js';
import { describeError } from '../_describe.js';
import { forwardPage } from '../_forward.js';
import { pathRecord } from '../_names.js';
import { defineSpec } from '../_spec.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';

const spec = defineSpec({
  name: 'forward',
  args: [
    { name: 'SITEDIR', required: true },
    { name: 'OUTDIR', required: true },
  ],
  description: `The chapter's site-forward: for every file in SITEDIR, write a page of the same name into
OUTDIR that says the page has moved and links to its new address. The template's $server$
and $home$ become --server and --home, $file$ the file's name URL-encoded (for links), and
$name$ the name HTML-escaped (for the text of the page). Each page is written whole or not
at all; an existing page is kept unless --force. Prints the path of each page written.`,
  options: {
    template: { kind: 'text', value: 'FILE', help: 'the page template (required)' },
    server: { kind: 'text', value: 'HOST', help: 'the server the site moved to (required)' },
    home: { kind: 'text', value: 'PATH', help: 'where the site lives on that server (required)' },
    'dry-run': { kind: 'flag', help: 'print the pages that would be written, write nothing' },
    force: { kind: 'flag', help: 'replace pages that exist in OUTDIR' },
    print0: { kind: 'flag', short: '0', help: 'end each path printed with NUL instead of a newline' },
  },
  examples: [
    [
      'sys forward --template template.html --server example.org --home ~me/site public_html forward',
      'one "this page has moved" page per file of public_html, in forward/',
    ],
    ['sys forward --template t.html --server example.org --home / site out --dry-run', 'what would be written'],
  ],
  exit: '0 done; 2 bad usage, a missing SITEDIR or template, or pages that could not be written (the others are).',
  cleansUp: true,
});

/** The names in `dir` (as bytes: a name that is not UTF-8 is kept exact) of the files in it, sorted. */
function filesIn(dir: string): Buffer[] {
  const names = readdirSync(dir, { encoding: 'buffer' }).sort(Buffer.compare);
  return names.filter((name) =>
    statSync(Buffer.concat([Buffer.from(`${dir}/`), name]), { throwIfNoEntry: false })?.isFile(),
  );
}

/** `sys forward`: forward-link pages for a site that moved. */
export const forward = defineCommand(spec, async ({ values, args }, session) => {
  const { template, server, home } = values;
  for (const [option, value] of [
    ['--template', template],
    ['--server', server],
    ['--home', home],
  ] as const) {
    if (value === undefined) throw new UsageError(`${option} is required`);
  }
  const [siteArg = '', outArg = ''] = args;
  const site = resolve(session.cwd, siteArg);
  const out = resolve(session.cwd, outArg);
  let text: string;
  let names: Buffer[];
  try {
    text = readFileSync(resolve(session.cwd, template as string), 'utf8');
  } catch (error) {
    throw Object.assign(error as Error, { path: template });
  }
  try {
    names = filesIn(site);
  } catch (error) {
    throw Object.assign(error as Error, { path: siteArg });
  }
  if (!values['dry-run']) await mkdir(out, { recursive: true });
  const records = session.output(values.print0 ? '\0' : '\n');
  let written = 0;
  for (const file of names) {
    const name = decodeName(file);
    const shown = join(outArg, name);
    const page = forwardPage(text, { server: server as string, home: home as string, file, name });
    const target = join(out, name);
    if (!isWellFormed(name)) {
      // Node writes files only under UTF-8 names: a page for this one would get another name.
      session.report.error(shown, 'not written: the name is not UTF-8');
      continue;
    }
    if (!values.force && lstatSync(target, { throwIfNoEntry: false })) {
      session.report.error(shown, 'exists (--force replaces it)');
      continue;
    }
    if (!values['dry-run']) {
      try {
        await atomicWrite(target, page, { signal: session.signal });
      } catch (error) {
        session.report.error(shown, describeError(error).text);
        continue;
      }
    }
    written++;
    records.write(pathRecord(shown, session.terminal));
  }
  records.flush();
  session.report.note(
    `${values['dry-run'] ? 'would write' : 'wrote'} ${written} forward page${written === 1 ? '' : 's'}`,
  );
  return 0;
});
