"""A real Milvus for the tests: `milvus-lite server` (the milvus-lite wheel) on a free port of 127.0.0.1."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

MILVUS_LITE = shutil.which("milvus-lite", path=str(Path(sys.executable).parent)) or shutil.which("milvus-lite")


class MilvusServer:
    """A `milvus-lite server` process with its data in a directory of its own; `uri` is what clients connect to."""

    def __init__(self, location: Path) -> None:
        self.location = location
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.uri = f"http://127.0.0.1:{self.port}"
        self.start()

    def env(self) -> dict[str, str]:
        """The POLICYKG_* variable that puts a service's passages on this server."""
        return {"POLICYKG_MILVUS_URI": self.uri}

    def start(self) -> None:
        """Start the server (again, after `stop`) and wait until its port accepts connections."""
        assert MILVUS_LITE is not None
        self.proc = subprocess.Popen([MILVUS_LITE, "server", "--data-dir", str(self.location), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("milvus-lite server did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
