"""`python -m tests.kiosk.field_flood PORT COUNT HOLD_S`: opens COUNT connections to the field page on loopback,
each sending an unfinished `GET /f/` (no token needed), prints "flooding" once they are all open, and holds
them up to HOLD_S. Then prints, as JSON, how many could not connect, after how many seconds from its opening
the page closed each of the others, and how many were still open. Its own process, so that the flood's
descriptors are not counted on the test's (the wall's) side."""

import json
import resource
import selectors
import socket
import sys
import time


def flood(port: int, count: int, hold_s: float) -> dict:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 64), hard))
    selector = selectors.DefaultSelector()
    opened_at: dict[socket.socket, float] = {}
    failed = 0
    for _ in range(count):
        sock = socket.socket()
        sock.settimeout(5)
        try:
            sock.connect(("127.0.0.1", port))
            sock.sendall(b"GET /f/")
        except OSError:
            failed += 1
            sock.close()
            continue
        sock.setblocking(False)
        opened_at[sock] = time.monotonic()
        selector.register(sock, selectors.EVENT_READ)
    print("flooding", flush=True)
    closed_after = []
    end = time.monotonic() + hold_s
    while opened_at and time.monotonic() < end:
        for key, _events in selector.select(timeout=0.2):
            closed_after.append(time.monotonic() - opened_at.pop(key.fileobj))
            selector.unregister(key.fileobj)
            key.fileobj.close()  # readable here is the page's close or reset: it never answers `GET /f/`
    return {"failed": failed, "closed_after_s": closed_after, "open": len(opened_at)}


if __name__ == "__main__":
    print(json.dumps(flood(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]))), flush=True)
