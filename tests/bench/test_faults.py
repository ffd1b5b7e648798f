"""The soak's freezing proxy: it relays, holds a live connection open without answering, and thaws."""

import socket
import threading

import pytest

from bench.faults import FreezingProxy


@pytest.fixture
def echo_server():
    """A server on 127.0.0.1 that sends back whatever it reads, on every connection."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stopping = threading.Event()

    def echo(connection):
        with connection:
            while data := connection.recv(1024):
                connection.sendall(data)

    def serve():
        while not stopping.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=echo, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()
    stopping.set()
    thread.join()
    listener.close()


@pytest.fixture
def proxy(echo_server):
    with FreezingProxy(echo_server) as proxy:
        yield proxy


def connect(proxy):
    return socket.create_connection(proxy.address, timeout=2)


def ask(connection, message):
    connection.sendall(message)
    return connection.recv(1024)


def test_relays_both_ways(proxy):
    with connect(proxy) as connection:
        assert ask(connection, b"ping") == b"ping"
        assert ask(connection, b"again") == b"again"


def test_a_frozen_proxy_holds_a_live_connection_open_and_answers_nothing(proxy):
    with connect(proxy) as connection:
        assert ask(connection, b"before") == b"before"
        proxy.freeze()
        connection.settimeout(0.5)
        with pytest.raises(TimeoutError):
            ask(connection, b"during")
        proxy.thaw()
        connection.settimeout(2)
        assert connection.recv(1024) == b"during"  # held back, not lost


def test_a_frozen_proxy_accepts_new_connections_without_answering(proxy):
    proxy.freeze()
    with connect(proxy) as connection:
        connection.settimeout(0.5)
        with pytest.raises(TimeoutError):
            ask(connection, b"hello")
        proxy.thaw()
        connection.settimeout(2)
        assert connection.recv(1024) == b"hello"


def test_closing_a_frozen_proxy_ends_its_connections(proxy):
    connection = connect(proxy)
    assert ask(connection, b"ping") == b"ping"
    proxy.freeze()
    proxy.close()
    with connection:
        assert connection.recv(1024) == b""
