/** A function that runs in another thread: a self-contained function (it travels as source), or an export of a module. */
export type Target = ((...args: never[]) => unknown) | { module: string | URL; export?: string };
