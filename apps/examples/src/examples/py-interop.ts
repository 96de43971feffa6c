// Node and Python's multiprocessing.connection talking with an authkey, both ways: JSON messages as bytes; args: [PYTHON]
// Python's Connection.send() pickles; nothing in Node reads pickles, so both sides send
// bytes (JSON text in them). The authkey handshake is Python's own: HMAC-MD5 on 3.11,
// {sha256} on 3.12+; both are answered.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { connect, Listener } from '@sys/ipc';

const python = process.argv[2] ?? 'python3';
const authkey = 'spam and eggs';

// Python pickles what its send() sends, and nothing here unpickles: both sides send bytes
// (send_bytes / sendBytes), JSON text in them, which our recv() decodes as a value.
const pyClient = `
import json, sys
from multiprocessing.connection import Client
with Client(('127.0.0.1', int(sys.argv[1])), authkey=sys.argv[2].encode()) as conn:
    conn.send_bytes(json.dumps({'from': 'python', 'spam': [1, 2, 3]}).encode())
    print('python got:', json.loads(conn.recv_bytes()), flush=True)
`;
const pyListener = `
import json, sys
from multiprocessing.connection import Listener
with Listener(('127.0.0.1', 0), authkey=sys.argv[1].encode()) as listener:
    print(listener.address[1], flush=True)
    with listener.accept() as conn:
        message = json.loads(conn.recv_bytes())
        conn.send_bytes(json.dumps({'echo': message, 'by': 'python listener'}).encode())
`;

function run(code: string, args: string[]) {
  const child = spawn(python, ['-c', code, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const out = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { out, exit };
}

// 1. A Python Client to a Node Listener.
const listener = await Listener.listen({ host: '127.0.0.1', port: 0 }, { authkey });
const client = run(pyClient, [String((listener.address as { port: number }).port), authkey]);
const conn = await listener.accept();
console.log('node got:', await conn.recv());
await conn.sendBytes(Buffer.from(JSON.stringify({ from: 'node', eggs: true })));
console.log((await client.out.next()).value);
await client.exit;
await conn.close();
await listener.close();

// 2. A Node client to a Python Listener.
const server = run(pyListener, [authkey]);
const port = Number((await server.out.next()).value);
const toPython = await connect({ host: '127.0.0.1', port }, { authkey });
await toPython.sendBytes(Buffer.from(JSON.stringify(['ham', 4])));
console.log('node got:', await toPython.recv());
await toPython.close();
console.log('python listener exited with', await server.exit);
