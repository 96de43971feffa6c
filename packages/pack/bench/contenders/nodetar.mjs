// node-tar (npm `tar`), sync: create (c ARCHIVE DIR) or extract (x ARCHIVE DEST).
import * as tar from 'tar';

const [mode, archive, where, dir] = process.argv.slice(2);
if (mode === 'c') tar.c({ file: archive, sync: true, cwd: where }, [dir]);
else tar.x({ file: archive, sync: true, cwd: where });
