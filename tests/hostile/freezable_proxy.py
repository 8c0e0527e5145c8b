"""A loopback TCP proxy that can be frozen: it stops forwarding in both directions without closing
anything, the way a hung network or a stalled server looks from the client (TCP keeps
acknowledging, nothing ever answers). Lets a test freeze *its* path to a shared PostgreSQL.
It can also be cut: every connection is closed and new ones are closed at once, the way a server
that stopped (a restart, a failover) looks, until it is restored."""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
import time
from types import TracebackType
from typing import Self


class FreezableProxy:
    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ)
        self._peers: dict[socket.socket, socket.socket] = {}
        self._frozen = threading.Event()
        self._cut = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="freezable-proxy", daemon=True)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def freeze(self) -> None:
        self._frozen.set()

    def thaw(self) -> None:
        self._frozen.clear()

    def cut(self) -> None:
        self._cut.set()

    def restore(self) -> None:
        self._cut.clear()

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        for sock in [*self._peers, self._listener]:
            sock.close()

    def _run(self) -> None:
        while not self._stopping.is_set():
            if self._frozen.is_set():
                # Bytes stay where they are and new connections wait in the backlog: nobody answers.
                time.sleep(0.02)
                continue
            if self._cut.is_set():
                for sock in list(self._peers):
                    self._drop(sock)
            for key, _ in self._selector.select(timeout=0.02):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                if sock is self._listener:
                    client, _ = self._listener.accept()
                    if self._cut.is_set():
                        client.close()
                    else:
                        self._connect(client)
                else:
                    self._forward(sock)

    def _connect(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection(self.upstream, timeout=2)
        except OSError:
            client.close()
            return
        for end in (client, server):
            end.setblocking(False)
            self._selector.register(end, selectors.EVENT_READ)
        self._peers[client] = server
        self._peers[server] = client

    def _forward(self, sock: socket.socket) -> None:
        other = self._peers.get(sock)
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if other is None or not data:
            self._drop(sock)
            return
        try:
            other.setblocking(True)
            other.sendall(data)
            other.setblocking(False)
        except OSError:
            self._drop(sock)

    def _drop(self, sock: socket.socket) -> None:
        for end in (sock, self._peers.pop(sock, None)):
            if end is None:
                continue
            self._peers.pop(end, None)
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(end)
            end.close()
