"""A throw-away PostgreSQL cluster: initdb into a temporary folder, serve on 127.0.0.1, delete on stop.

The tests and the benchmark run the store against a real PostgreSQL server without touching any cluster
the machine already has: Debian's server binaries (``/usr/lib/postgresql/<version>/bin``, from the
``postgresql`` package) build a fresh cluster in a temporary folder, listening on a free local port with
its Unix socket in that folder. PostgreSQL refuses to run as root, so as root the folder is handed to the
``postgres`` user and the binaries run as that user (``runuser``).

    >>> with ThrowawayPostgres() as cluster:
    ...     url = cluster.create_database("ledger")   # postgresql+psycopg://postgres@127.0.0.1:PORT/ledger

If the server cannot start, ``start`` raises :class:`PostgresUnavailable` with the server's own log: a
test that needs PostgreSQL then fails, it is not skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

from sqlalchemy import create_engine, text

DEBIAN_ROOT = Path("/usr/lib/postgresql")
SERVICE_USER = "postgres"
_START_TIMEOUT_S = 60
_DATABASE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server could be started here; the message says why."""


def server_binaries() -> Path:
    """The bin folder of the newest PostgreSQL server installed the Debian way."""
    found = sorted(
        (path for path in DEBIAN_ROOT.glob("*/bin") if (path / "initdb").exists()),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    if not found:
        raise PostgresUnavailable(
            f"no PostgreSQL server under {DEBIAN_ROOT}/*/bin; install Debian's 'postgresql' package"
        )
    return found[-1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ThrowawayPostgres:
    """A PostgreSQL cluster that lives as long as this object is started.

    ``durable=False`` (the default, for tests) turns fsync off: the cluster is deleted anyway, and the
    tests run several times faster. The benchmark passes ``durable=True`` to measure what a real server
    costs.
    """

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        self.bin = server_binaries()
        self.port = 0
        self.folder: Path | None = None

    @property
    def as_service_user(self) -> bool:
        return os.geteuid() == 0

    @property
    def data(self) -> Path:
        assert self.folder is not None, "the cluster is not started"
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` on this cluster (psycopg 3, password-less local login)."""
        return f"postgresql+psycopg://{SERVICE_USER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> ThrowawayPostgres:
        """initdb and start the server; raises PostgresUnavailable (with the server's log) on failure."""
        self.folder = Path(tempfile.mkdtemp(prefix="newsledger-pg-"))
        if self.as_service_user:
            shutil.chown(self.folder, user=SERVICE_USER, group=SERVICE_USER)
        try:
            self._run(
                "initdb", "-D", str(self.data), "-U", SERVICE_USER, "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync",
            )  # fmt: skip
        except PostgresUnavailable:
            self.stop()
            raise
        options = f"-h 127.0.0.1 -k {self.folder}" + ("" if self.durable else " -F")
        for _attempt in range(3):  # another process may take the free port before the server binds it
            self.port = free_port()
            started = self._run(
                "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w",
                "-t", str(_START_TIMEOUT_S), "-o", f"{options} -p {self.port}", "start", check=False,
            )  # fmt: skip
            if started.returncode == 0:
                return self
        log = (self.folder / "server.log").read_text(errors="replace")[-3000:]
        self.stop()
        raise PostgresUnavailable(f"the PostgreSQL server did not start:\n{started.stderr}\n{log}")

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        if not _DATABASE_NAME.match(name):
            raise ValueError(f"{name!r} is not a plain database name")
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url(name)

    def stop(self) -> None:
        """Stop the server at once and delete its folder; safe to call twice."""
        if self.folder is None:
            return
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def _run(self, program: str, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / program), *arguments]
        if self.as_service_user:
            command = ["runuser", "-u", SERVICE_USER, "--", *command]
        # The cluster's folder as working directory: the service user may not be allowed into ours.
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder, check=False)
        if check and done.returncode != 0:
            raise PostgresUnavailable(f"{program} failed ({done.returncode}): {done.stderr.strip()}")
        return done

    def __enter__(self) -> ThrowawayPostgres:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
