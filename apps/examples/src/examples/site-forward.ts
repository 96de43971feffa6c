// Writes a "this page has moved" page for every file of a site: site-forward [OUTDIR] (the chapter's site-forward).
// Node differs little here: string.replace becomes replaceAll, and a name with spaces or accents
// is URL-encoded where it goes into the link (the chapter's version wrote it as it was).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('./site-forward/', import.meta.url));
const uploaddir = process.argv[2] ?? 'forward'; // where to store forward files
const servername = 'www.example.org'; // where the site is relocating to
const homedir = '~lutz/home'; // where the site will be rooted
const sitefilesdir = join(here, 'public_html'); // where site files live locally
const templatename = join(here, 'template.html'); // template for generated pages

const template = readFileSync(templatename, 'utf8');
// File names only, no directory prefix (os.listdir); subdirectories get no page.
const sitefiles = readdirSync(sitefilesdir)
  .filter((name) => statSync(join(sitefilesdir, name)).isFile())
  .sort();
mkdirSync(uploaddir, { recursive: true });

let count = 0;
let filetext = '';
for (const filename of sitefiles) {
  const fwdname = join(uploaddir, filename);
  if (existsSync(fwdname)) {
    console.log('skipping', filename, '(', fwdname, 'exists )');
    continue;
  }
  console.log('creating', filename, 'as', fwdname);
  filetext = template
    .replaceAll('$server$', servername)
    .replaceAll('$home$', homedir)
    .replaceAll('$file$', encodeURIComponent(filename));
  writeFileSync(fwdname, filetext, { flag: 'wx' });
  count++;
}
console.log('Last file =>');
console.log(filetext);
console.log('Done:', count, 'forward files created.');
