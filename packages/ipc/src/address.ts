/** Where a listener listens: a Unix socket path, or a TCP host and port (port 0: any free port). */
export type Address = string | { host?: string; port: number };
