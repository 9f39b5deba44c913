#!/usr/bin/env python3
"""Keeps N slow posters connected to a Talkback servlet: each sends a POST head announcing a 1000-byte JSON body,
then one byte of it per second. A connection the server answers or closes (408 after the body deadline) is
replaced at once, so N stay open. Usage: dribble.py host port path N; runs until killed; prints a line every 5 s."""
import select, socket, sys, time

host, port, path, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
HEAD = ("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        '{"thread":"bench","text":"' % (path, host)).encode()
conns, answered, failed = [], 0, 0

def connect():
    global failed
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(HEAD)
        s.setblocking(False)
        conns.append(s)
    except OSError:
        failed += 1

for _ in range(n):
    connect()
last = time.time()
while True:
    readable, _, _ = select.select(conns, [], [], 1.0)
    for s in readable:  # an answer (408) or a close: replace the connection
        try:
            s.recv(65536)
        except OSError:
            pass
        answered += 1
        conns.remove(s)
        s.close()
        connect()
    for s in list(conns):
        try:
            s.send(b"x")
        except OSError:
            conns.remove(s)
            s.close()
            answered += 1
            connect()
    while len(conns) < n:
        connect()
    if time.time() - last >= 5:
        print("slow connections open: %d, answered or closed so far: %d, connect failures: %d"
              % (len(conns), answered, failed), flush=True)
        last = time.time()
