"""Cold start of the packaged application against the same PyInstaller bundle of a bare PySide6
window (bench/bare_window.py, packaging/bare-window.spec), started the same way in the same run.

    .venv/bin/python -m bench.bench_bundle [--runs 7] [--bundle dist/steward-app]

Needs the application bundle (bash packaging/build-bundle.sh), Xvfb and libXdamage; the bare
bundle is built into build/bench-bare/ on first use, and again when its spec changes (about a
minute).

The approach is bench/bench_window.py's: whole processes from launch, the median of several,
each sample of ours right after a baseline sample so both see the same load, reported as a
ratio. What differs is how the moment is caught. A frozen program runs no code of ours, and
the product has no option to quit after its first paint (a test-only path), so the moment is
watched from outside instead: both programs run on a private Xvfb server where a small X client
sees the program's window mapped (MapNotify) and then the first drawing on screen (a DAMAGE
event), that is, the first painted window. The program is then killed: start-up is measured,
not teardown.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_SPEC = ROOT / "packaging" / "bare-window.spec"
BARE_BUILD = ROOT / "build" / "bench-bare"
MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
DAMAGE_REPORT_RAW = 0
TIMEOUT_S = 60.0


class Screen:
    """A private Xvfb server, and an X client watching it for windows shown and drawn."""

    def __init__(self) -> None:
        self.display = f":{200 + os.getpid() % 500}"
        self.server = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        damage = ctypes.CDLL(ctypes.util.find_library("Xdamage") or "libXdamage.so.1")
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        for name in ("XPending", "XConnectionNumber", "XFlush"):
            getattr(self.x, name).argtypes = [ctypes.c_void_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        self.x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        self.x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        damage.XDamageQueryExtension.argtypes = [ctypes.c_void_p] + [
            ctypes.POINTER(ctypes.c_int)
        ] * 2
        damage.XDamageCreate.restype = ctypes.c_ulong
        damage.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]
        self.conn = self._connect()
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not damage.XDamageQueryExtension(
            self.conn, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            raise SystemExit("Xvfb has no DAMAGE extension; cannot see the first paint")
        self.damage_notify = event_base.value
        root = self.x.XDefaultRootWindow(self.conn)
        self.x.XSelectInput(self.conn, root, SUBSTRUCTURE_NOTIFY_MASK)
        # damage on the root window reports drawing into every window on the screen
        damage.XDamageCreate(self.conn, root, DAMAGE_REPORT_RAW)
        self.event = (ctypes.c_long * 24)()  # an XEvent is 24 longs

    def _connect(self) -> int:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            conn = self.x.XOpenDisplay(self.display.encode())
            if conn:
                return int(conn)
            time.sleep(0.05)
        raise SystemExit(f"Xvfb did not start on {self.display}")

    def _drain(self) -> None:
        self.x.XSync(self.conn, 0)
        while self.x.XPending(self.conn):
            self.x.XNextEvent(self.conn, self.event)

    def _next_event_type(self, deadline: float) -> int:
        fd = self.x.XConnectionNumber(self.conn)
        while not self.x.XPending(self.conn):
            if time.perf_counter() > deadline:
                raise TimeoutError
            select.select([fd], [], [], 0.5)
        self.x.XNextEvent(self.conn, self.event)
        return int(ctypes.cast(self.event, ctypes.POINTER(ctypes.c_int))[0])

    def start_until_painted(self, command: list[str], env: dict[str, str]) -> tuple[float, float]:
        """Milliseconds from launch to the window mapped and to its first paint; then kill."""
        self._drain()
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            env={**env, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        mapped = 0.0
        try:
            while True:
                kind = self._next_event_type(start + TIMEOUT_S)
                now = (time.perf_counter() - start) * 1000
                if kind == MAP_NOTIFY and not mapped:
                    mapped = now
                elif kind == self.damage_notify and mapped:
                    return mapped, now
        except TimeoutError:
            process.kill()
            _, err = process.communicate()
            raise SystemExit(
                f"{command[0]} showed no window in {TIMEOUT_S:.0f} s: {err[-800:]!r}"
            ) from None
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()

    def close(self) -> None:
        self.server.terminate()
        self.server.wait()


def bare_bundle() -> Path:
    """The bare window's bundle, built again when its spec or the trimming it shares with the
    application's (packaging/bundle_trim.py) is newer than the last build."""
    program = BARE_BUILD / "dist" / "bare-window" / "bare-window"
    sources = (BARE_SPEC, ROOT / "packaging" / "bundle_trim.py")
    built = program.stat().st_mtime if program.exists() else 0.0
    if any(source.stat().st_mtime > built for source in sources):
        print("building the bare window's bundle ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
            + ["--distpath", str(BARE_BUILD / "dist"), "--workpath", str(BARE_BUILD / "work")]
            + [str(BARE_SPEC)],
            check=True,
        )
    return program


def clean_env(folder: Path) -> dict[str, str]:
    """An office PC's environment: no Python, settings in a fresh home folder."""
    home = folder / "home"
    home.mkdir(exist_ok=True)
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {
        "PATH": str(folder / "no-python"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "TMPDIR": str(folder),
    }


def folder_mb(path: Path) -> float:
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "steward-app")
    args = parser.parse_args()
    app = args.bundle / "steward-app"
    if not app.exists():
        raise SystemExit(f"no bundle at {args.bundle}; build it: bash packaging/build-bundle.sh")
    bare = bare_bundle()
    folder = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    env = clean_env(folder)
    demo_db = folder / "demo.sqlite"
    subprocess.run([str(app), "--db", str(demo_db), "demo"], env=env, check=True)
    app_args = ["--db", str(demo_db), "--steward", "a steward", "--pc", "bench PC"]
    app_command = [str(app), *app_args]
    # the same window from source, for scale (the source tree's .venv, not an office PC)
    source_command = [sys.executable, "-m", "steward_app", *app_args]
    source_env = {**env, "PATH": os.environ["PATH"]}

    screen = Screen()
    try:
        screen.start_until_painted([str(bare)], env)  # warm the page cache for both
        screen.start_until_painted(app_command, env)
        bare_times, app_times, source_times = [], [], []
        for _ in range(args.runs):
            bare_times.append(screen.start_until_painted([str(bare)], env))
            app_times.append(screen.start_until_painted(app_command, env))
            source_times.append(screen.start_until_painted(source_command, source_env))
    finally:
        screen.close()

    print(f"command: {sys.executable} -m bench.bench_bundle --runs {args.runs}")
    print(
        f"\ncold start of the PyInstaller bundles on Xvfb, median of {args.runs} processes "
        "(launch to window mapped / to first paint):"
    )
    rows = [
        ("bare PySide6 window (bundle)", bare_times, bare.parent),
        ("steward_app on the demo vote (bundle)", app_times, args.bundle),
        ("  the same from source (.venv)", source_times, None),
    ]
    medians = []
    for name, times, bundle in rows:
        mapped = statistics.median(t[0] for t in times)
        painted = statistics.median(t[1] for t in times)
        medians.append(painted)
        size = f"(bundle {folder_mb(bundle):4.0f} MB)" if bundle else ""
        print(f"  {name:<40} {mapped:7.0f} ms  {painted:7.0f} ms  {size}")
    print(f"  steward_app / bare window, to first paint: {medians[1] / medians[0]:.2f}x")


if __name__ == "__main__":
    main()
