// The floor of any crash-safe in-place conversion of a tree: per file, a new file beside it
// (O_EXCL, as every temp file is made) renamed over it. No reading, converting, writing or
// fsync: the files come out empty. What this costs is what the disk charges for the scheme.
import { closeSync, constants, openSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
let n = 0;
function replaceAll(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) replaceAll(path);
    else {
      const temp = join(dir, `.floor-${process.pid}-${n++}.tmp`);
      closeSync(openSync(temp, CREATE, 0o600));
      renameSync(temp, path);
    }
  }
}
replaceAll(process.argv[2]);
