// A plain Node sync loop over a tree: read each file, replace CRLF, write it back if it changed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function convert(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) convert(path);
    else {
      const text = readFileSync(path, 'latin1');
      const lf = text.replaceAll('\r\n', '\n');
      if (lf !== text) writeFileSync(path, lf, 'latin1');
    }
  }
}
convert(process.argv[2]);
