// `example NAME | head -1`: once the reader has left, writing to stdout fails with EPIPE (Node
// ignores SIGPIPE, so it does not die of it as a C program would). The examples, and the
// programs they start, end quietly then, as a shell tool does, never with a stack.

/** Ends this process quietly, with status 0, when stdout's reader leaves: the reader had what it wanted. */
export function quietWhenReaderLeaves(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}
