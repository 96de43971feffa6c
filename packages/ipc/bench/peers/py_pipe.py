# Python's multiprocessing Pipe, the reference: same protocol as node-parent.mjs
# (ready / go / done <check>), same ~100-byte message, pickled as Python does.
import sys
from multiprocessing import Pipe, Process

def message(i):
    return {'id': i, 'name': 'spam and eggs', 'tags': ['a', 'bb'],
            'pos': {'x': 1.5, 'y': -2, 'ok': True}, 'note': 'hello world 0123456789'}

def child(conn, other, workload, n):
    other.close()  # the fork copied the parent's end too: without this, no EOF ever comes
    if workload == 'rt':
        while True:
            try:
                conn.send(conn.recv())
            except EOFError:
                return
    seen = total = 0
    while seen < n:
        m = conn.recv()
        seen += 1
        total += m['id']
    conn.send({'seen': seen, 'sum': total})

if __name__ == '__main__':
    workload, n = sys.argv[1], int(sys.argv[2])
    parent, end = Pipe()
    p = Process(target=child, args=(end, parent, workload, n))
    p.start()
    end.close()
    print('ready', flush=True)
    sys.stdin.readline()
    if workload == 'rt':
        total = 0
        for i in range(n):
            parent.send(message(i))
            total += parent.recv()['id']
        check = f'{n} {total}'
    else:
        for i in range(n):
            parent.send(message(i))
        r = parent.recv()
        check = f"{r['seen']} {r['sum']}"
    print('done', check, flush=True)
    parent.close()
    p.join()
