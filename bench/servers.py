"""gunicorn as an operator runs it, for the benchmark and the tests that need several workers.

The socket is bound here, on port 0 unless a port is asked for, and handed to gunicorn, so parallel
runs never collide and the port is known before the server starts.
"""

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


@dataclass(frozen=True)
class Server:
    url: str
    pid: int

    def worker_pids(self):
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def worker_rss_mb(self):
        """Resident memory of each worker, in MB."""
        sizes = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
            sizes.append(int(kilobytes) / 1024)
        return sizes


@contextmanager
def gunicorn(app, *, env, workers, host="127.0.0.1", port=0, ready_path="/", options=(), stderr=None):
    """Serve the WSGI `app` ("module:callable") with `workers` sync workers until the block ends;
    `options` are more of gunicorn's command-line options; its log goes to `stderr` (a file) if given."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(1024)
    command = [GUNICORN, app, "--bind", f"fd://{listener.fileno()}", "--workers", str(workers),
               "--log-level", "warning", "--no-control-socket", *options]
    process = subprocess.Popen(command, env=env, cwd=REPO, pass_fds=[listener.fileno()], stderr=stderr)
    server = Server(url=f"http://{host}:{listener.getsockname()[1]}", pid=process.pid)
    try:
        _wait_until_serving(server, process, workers, ready_path)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        listener.close()


def _wait_until_serving(server, process, workers, path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(server.url + path, timeout=10):
                if len(server.worker_pids()) == workers:
                    return
        except OSError:  # not listening yet, or still loading the application
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {server.url} within {timeout} s")
