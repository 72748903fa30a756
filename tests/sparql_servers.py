"""A real SPARQL 1.1 server for the tests: `oxigraph serve` on a free port of 127.0.0.1 (the `oxigraph` wheel)."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from api_servers import free_port

from api.settings import Settings

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
VIRTUOSO = shutil.which("virtuoso-t")  # Debian's virtuoso-opensource (make test installs it where apt can)
ISQL = shutil.which("isql-vt")


class LocalServer:
    """A server process on a free port of 127.0.0.1 with its data in a directory of its own: the subclass says how
    to start it (`command`) and when it answers (`ready`)."""

    name = "server"
    stop_signal = signal.SIGTERM  # how the server is asked to stop; killed if it has not within 10 s

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()

    def command(self) -> list[str]:
        raise NotImplementedError

    def ready(self) -> bool:
        raise NotImplementedError

    def start(self) -> None:
        """Start the server on its port and location (again, after `stop`) and wait until it answers."""
        # Its output goes to a file: a pipe nobody reads fills and then blocks the server.
        self.output = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(self.command(), stdout=subprocess.DEVNULL, stderr=self.output)
        deadline = time.monotonic() + 60
        while not self.ready():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                self.output.seek(0)
                raise RuntimeError(f"{self.name} did not start: {self.output.read().decode(errors='replace')[-2000:]}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(self.stop_signal)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


class Server(LocalServer):
    """An `oxigraph serve` process on a free port of 127.0.0.1, with its data in a directory of its own."""

    name = "oxigraph"

    def __init__(self, location: Path) -> None:
        super().__init__(location)
        self.base = f"http://127.0.0.1:{self.port}"
        self.urls = (f"{self.base}/query", f"{self.base}/update", f"{self.base}/store")
        self.start()

    def env(self) -> dict[str, str]:
        """The POLICYKG_* variables that put a service's graph on this server."""
        return dict(zip(("POLICYKG_SPARQL_QUERY_URL", "POLICYKG_SPARQL_UPDATE_URL", "POLICYKG_SPARQL_STORE_URL"),
                        self.urls, strict=True))

    def settings(self, data_dir: Path, **overrides: Any) -> Settings:
        """Settings of a service whose graph is on this server (its search index in `data_dir`)."""
        query, update, store = self.urls
        return Settings(data_dir=data_dir, sparql_query_url=query, sparql_update_url=update, sparql_store_url=store,
                        **overrides)

    def command(self) -> list[str]:
        assert OXIGRAPH is not None
        return [OXIGRAPH, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"]

    def ready(self) -> bool:
        try:
            return httpx.post(self.urls[0], content="ASK {}", timeout=2,
                              headers={"Content-Type": "application/sparql-query"}).status_code == 200
        except httpx.HTTPError:
            return False

    def clear(self) -> None:
        httpx.post(self.urls[1], content="DROP ALL", headers={"Content-Type": "application/sparql-update"},
                   timeout=30).raise_for_status()

    def select(self, query: str) -> list[dict[str, str]]:
        response = httpx.post(self.urls[0], content=query, timeout=30,
                              headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]


class VirtuosoServer(Server):
    """Virtuoso Open Source (`virtuoso-t`) with a database of its own: SPARQL 1.1 Query and Update at /sparql, the
    Graph Store Protocol at /sparql-graph-crud, both opened to anonymous writes for the test."""

    name = "virtuoso"

    def __init__(self, location: Path) -> None:
        self.isql_port = free_port()
        LocalServer.__init__(self, location)
        self.base = f"http://127.0.0.1:{self.port}"
        self.urls = (f"{self.base}/sparql", f"{self.base}/sparql", f"{self.base}/sparql-graph-crud")
        location.mkdir(parents=True, exist_ok=True)
        db = location.resolve()
        (location / "virtuoso.ini").write_text(f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{self.isql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {db}
[HTTPServer]
ServerPort = 127.0.0.1:{self.port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
""", encoding="utf-8")
        self.start()
        assert ISQL is not None
        # Anonymous SPARQL may update, and write any graph (a test database on loopback only).
        subprocess.run([ISQL, str(self.isql_port), "dba", "dba",
                        "exec=GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"],
                       check=True, capture_output=True, timeout=60)

    def command(self) -> list[str]:
        assert VIRTUOSO is not None
        return [VIRTUOSO, "+foreground", "+configfile", str(self.location / "virtuoso.ini")]

    def ready(self) -> bool:
        try:
            return httpx.post(self.urls[0], data={"query": "ASK {}"}, timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def clear(self) -> None:
        raise NotImplementedError("a Virtuoso test database is made per test")
