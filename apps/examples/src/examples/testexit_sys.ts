// Leaves with an exit status: prints a line, then process.exit(42) (the chapter's testexit_sys).
function later(): void {
  console.log('Bye sys world');
  process.exit(42);
}

later();
