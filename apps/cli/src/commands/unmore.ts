import { resolve } from 'node:path';
import { unpack } from '@sys/pack';
import { inPack, openInput } from '../_input.js';
import { quoteName } from '../_quote.js';
import { defineSpec } from '../_spec.js';
import { defineCommand } from '../command.js';

const spec = defineSpec({
  name: 'unmore',
  args: [{ name: 'FILE' }],
  description: `Recreate the files of 'more FILES > out' output (a 14-colon rule, the name, a rule, then
the text) from FILE or stdin, into DIR (default: here), as safely as sys unpack.`,
  options: {
    directory: { kind: 'text', short: 'C', value: 'DIR', help: 'write the files into DIR (made if missing)' },
    force: { kind: 'flag', help: 'overwrite files that exist' },
  },
  examples: [
    ['more *.txt > all.out; sys unmore all.out -C copy', 'the text files again, under copy/'],
    ['sys unmore - < all.out', 'the same from stdin, here'],
  ],
  exit: '0 done; 2 bad usage, a missing FILE, input that is not more output, or an unsafe name.',
  cleansUp: true,
});

/** `sys unmore`: the chapter's unmore. */
export const unmore = defineCommand(spec, async ({ values, args }, session) => {
  const out = session.output();
  const source = await openInput(args[0], session);
  const result = await unpack(source, {
    dest: resolve(session.cwd, values.directory ?? '.'),
    force: values.force,
    signal: session.signal,
    onEntry: (e) => out.write(`creating ${quoteName(e.path, Number.POSITIVE_INFINITY)}`),
  }).catch((error: unknown) => {
    throw inPack(error, args[0]);
  });
  if (result.format !== 'more')
    session.report.warn(undefined, `the input was a ${result.format} pack, not more output`);
  return 0;
});
