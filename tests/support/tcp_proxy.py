"""A TCP relay on 127.0.0.1 in front of a real endpoint (the S3 server), for injecting network faults.

``cut()`` takes the endpoint down (new connections refused, open ones dropped); ``drop_once_after``
drops exactly one connection once that many request bytes have passed through it, the way a
flaky network loses an upload part half-way. The relay counts the connections it has seen and
the ones it dropped, so a test can show the fault really happened.
"""

from __future__ import annotations

import socket
import threading


class SwitchableProxy:
    """A TCP relay to ``target`` (``http://host:port``) that can be cut or made to drop a connection."""

    def __init__(self, target: str) -> None:
        host, port = target.removeprefix("http://").split(":")
        self.target = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.up = True
        self.open: list[socket.socket] = []
        self.connections = 0
        self.dropped = 0
        self._drop_after: int | None = None
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self) -> None:
        """Refuse new connections and drop the open ones (pooled keep-alive connections too)."""
        self.up = False
        for end in self.open:
            end.close()

    def drop_once_after(self, request_bytes: int) -> None:
        """Drop the first connection that carries more than ``request_bytes`` towards the target."""
        self._drop_after = request_bytes

    def close(self) -> None:
        """Stop accepting; relays still running end with their connections."""
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.open += [client, upstream]
            self.connections += 1
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, towards_target: bool) -> None:
        passed = 0
        try:
            while data := source.recv(65536):
                passed += len(data)
                if towards_target and self._should_drop(passed):
                    return  # the finally block closes both ends mid-request
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                end.close()

    def _should_drop(self, passed: int) -> bool:
        with self._lock:
            if self._drop_after is None or passed <= self._drop_after:
                return False
            self._drop_after = None
            self.dropped += 1
            return True
