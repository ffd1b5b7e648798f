"""A TCP proxy that can freeze, for the soak's outages of PostgreSQL and Redis.

While frozen it relays nothing, on the connections it holds and on new ones, yet keeps every one open
and accepts more: to a client it looks like a hung server or pooler, which still acknowledges at the
TCP level but never answers. Thawed, it relays again whatever was held back.
"""

import select
import socket
import threading

# How often a relay looks up from its sockets to see whether it is frozen or closed, in seconds.
TICK = 0.05


class FreezingProxy:
    """Listens on `host`, port 0 unless one is given, and relays every connection to `upstream` (host, port)."""

    def __init__(self, upstream, host="127.0.0.1", port=0):
        self.upstream = upstream
        self._listener = socket.create_server((host, port), backlog=1024)
        self.address = self._listener.getsockname()[:2]
        self._flowing = threading.Event()
        self._flowing.set()
        self._closed = threading.Event()
        self._relays = []
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    @property
    def port(self):
        return self.address[1]

    def freeze(self):
        """Stop relaying on every connection, open or new, keeping them all open."""
        self._flowing.clear()

    def thaw(self):
        self._flowing.set()

    def close(self):
        self._closed.set()
        self._acceptor.join()
        self._listener.close()
        for thread in self._relays:
            thread.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _accept(self):
        self._listener.settimeout(TICK)
        while not self._closed.is_set():
            try:
                client, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:  # closed
                return
            thread = threading.Thread(target=self._relay, args=(client,), daemon=True)
            thread.start()
            self._relays = [*(relay for relay in self._relays if relay.is_alive()), thread]

    def _relay(self, client):
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            client.close()
            return
        peers = {client: upstream, upstream: client}
        with client, upstream:
            client.settimeout(5)  # bounds a send to a peer that stopped reading
            while not self._closed.is_set():
                if not self._flowing.is_set():
                    self._flowing.wait(TICK)
                    continue
                readable, _, _ = select.select(list(peers), [], [], TICK)
                try:
                    for sock in readable:
                        data = sock.recv(65536)
                        if not data:
                            return
                        peers[sock].sendall(data)
                except OSError:
                    return
