// The os tour in a temp folder it makes and removes: cwd/chdir, mkdir, listdir, glob, scandir, stat, rename, remove, path tools, sep; args: [PARENT]
// Python's os and os.path become node:fs, node:path and node:os. The calls map one to one
// (listdir is readdirSync, scandir is opendirSync, stat is statSync...), but Node has no
// os.removedirs (rmdir each folder yourself, or rmSync({ recursive }) for shutil.rmtree), no
// os.curdir/os.pardir constants, and process.chdir() throws in a worker thread: the working
// folder belongs to the whole process, so threads may not move it.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  opendirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { devNull, EOL, tmpdir } from 'node:os';
import path from 'node:path';
import { glob } from '@sys/find';

const [parent = tmpdir()] = process.argv.slice(2);
const listdir = (dir: string) => readdirSync(dir).sort(); // the OS's order, sorted to read
const show = (value: unknown) => JSON.stringify(value);

console.log(`pid: ${process.pid}, parent pid: ${process.ppid}`);
const start = process.cwd();
console.log(`cwd: ${start}`);
const home = mkdtempSync(path.join(parent, 'os-tour-'));
console.log(`made: ${home}`);
try {
  process.chdir(home);
  console.log(`chdir: cwd is now ${process.cwd()}`);

  mkdirSync(path.join('spam', 'eggs'), { recursive: true }); // os.makedirs
  writeFileSync('spam/a.txt', 'hello');
  writeFileSync('spam/b.py', 'print("b")\n');
  writeFileSync('spam/eggs/c.txt', '');
  console.log(`listdir spam: ${show(listdir('spam'))}`);
  console.log(`glob spam/*.txt: ${show(await glob('spam/*.txt'))}`);

  const dir = opendirSync('spam'); // os.scandir: the type comes with the name, no stat each
  const kinds: string[] = [];
  for (let e = dir.readSync(); e; e = dir.readSync()) kinds.push(`${e.name} ${e.isDirectory() ? 'dir' : 'file'}`);
  dir.closeSync();
  console.log(`scandir spam: ${kinds.sort().join(', ')}`);

  chmodSync('spam/a.txt', 0o640); // os.chmod
  utimesSync('spam/a.txt', new Date('2000-01-01T00:00:00Z'), new Date('2000-01-01T00:00:00Z')); // os.utime
  const st = statSync('spam/a.txt');
  const mode = (st.mode & 0o777).toString(8);
  console.log(`stat spam/a.txt: size ${st.size}, mode ${mode}, mtime ${st.mtime.toISOString()}`);
  const isdir = existsSync('spam') && statSync('spam').isDirectory();
  console.log(
    `exists spam/a.txt: ${existsSync('spam/a.txt')}, isdir spam: ${isdir}, exists nope: ${existsSync('nope')}`,
  );

  renameSync('spam/a.txt', 'spam/A.TXT');
  console.log(`rename a.txt -> A.TXT: ${show(listdir('spam'))}`);
  unlinkSync('spam/A.TXT'); // os.remove
  unlinkSync('spam/b.py');
  unlinkSync('spam/eggs/c.txt');
  rmdirSync('spam/eggs'); // os.removedirs('spam/eggs'), one folder at a time
  rmdirSync('spam');
  console.log(`removed: listdir . is ${show(listdir('.'))}`);

  const file = path.join('spam', 'eggs', 'c.txt');
  console.log(`join: ${file}`);
  console.log(`split: ${show([path.dirname(file), path.basename(file)])}`);
  const { dir: stemDir, name, ext } = path.parse(file);
  console.log(`splitext: ${show([path.join(stemDir, name), ext])}`);
  console.log(`abspath: ${path.resolve(file)}`);
  console.log(`normpath spam/./eggs/../ham: ${path.normalize('spam/./eggs/../ham')}`);
  console.log(`relpath: ${path.relative(start, path.resolve(file))}`);
  console.log(`isabs: ${path.isAbsolute(file)} ${path.isAbsolute(path.resolve(file))}`);
  console.log(`sep ${show(path.sep)}, pathsep ${show(path.delimiter)}, linesep ${show(EOL)}, devnull ${show(devNull)}`);
} finally {
  process.chdir(start);
  rmSync(home, { recursive: true, force: true });
}
console.log(`back in ${process.cwd()}; ${home} exists: ${existsSync(home)}`);
