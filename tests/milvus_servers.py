"""A real Milvus for the tests: `milvus-lite server` (the milvus-lite wheel) on a free port of 127.0.0.1."""
from __future__ import annotations

import shutil
import signal
import socket
import sys
from pathlib import Path

from sparql_servers import LocalServer

MILVUS_LITE = shutil.which("milvus-lite", path=str(Path(sys.executable).parent)) or shutil.which("milvus-lite")


class MilvusServer(LocalServer):
    """A `milvus-lite server` process with its data in a directory of its own; `uri` is what clients connect to."""

    name = "milvus-lite server"
    # Its graceful stop is on SIGINT (it drains requests, then closes each collection, which waits for the index files
    # its background thread writes); SIGTERM ends Python at once, and one landing mid-write left an empty index file
    # that failed every later load (`.ci/run`, once: test_milvus.py's restart test). An operator stops it the same way.
    stop_signal = signal.SIGINT

    def __init__(self, location: Path) -> None:
        super().__init__(location)
        self.uri = f"http://127.0.0.1:{self.port}"
        self.start()

    def env(self) -> dict[str, str]:
        """The POLICYKG_* variable that puts a service's passages on this server."""
        return {"POLICYKG_MILVUS_URI": self.uri}

    def command(self) -> list[str]:
        assert MILVUS_LITE is not None
        return [MILVUS_LITE, "server", "--data-dir", str(self.location), "--host", "127.0.0.1", "--port", str(self.port)]

    def ready(self) -> bool:
        """Ready when it answers a client, not when its port opens: a cold server under load accepts connections before
        it serves them, and a service that connects then sees it down (its first ingest left "pending")."""
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except OSError:
            return False
        from pymilvus import MilvusClient
        from pymilvus.exceptions import MilvusException

        try:
            client = MilvusClient(uri=self.uri, timeout=2)
        except MilvusException:
            return False
        try:
            client.list_collections()
            return True
        except MilvusException:
            return False
        finally:
            client.close()
