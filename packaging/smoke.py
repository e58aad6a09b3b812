"""Smoke test of a built bundle: `python packaging/smoke.py [dist/Rejnistvo]`.

Builds nothing: takes the folder `packaging/build.py` made and checks, as a user would,
from a temporary folder outside the checkout:

1. `Rejnistvo calc` on the SPEC 6 example answers the same JSON as the checkout's CLI;
2. `Rejnistvo print r1|r4|r5` writes a PDF from each example the bundle ships;
3. `Rejnistvo demo` fills a new file, and the month's payment run of it is exported in
   every format (`run --format sepa|xlsx|csv|pdf`: SEPA is checked against its XSD,
   which the bundle must carry);
4. the window opens on that file (offscreen unless QT_QPA_PLATFORM says otherwise) and
   stays up for 10 s;
5. the window loaded PySide6 the lean way (``rejnistvo.ui.lean_pyside`` wrote its cache
   of PySide6's compiled support code: nothing imported Qt before the program did);
6. reports the start-up time (start → window on screen with its database open, read from
   the file the program writes when REJNISTVO_READY_FILE is set) and the bundle's size.

Not part of the test run (it needs a bundle). Exit status 0 when every check passed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC_EXAMPLE = {
    "placement": [{"from": "2026-03-10", "to": None}],
    "months": ["2026-03", "2026-04"],
    "board_increases": [{"percent": 25, "from": "2026-03-15", "to": "2026-08-31"}],
    "fee_uplifts": [{"percent": 50, "from": "2026-04-01", "to": None}],
}
FORMS = ("r1", "r4", "r5")
# `run --format` → how its file starts (the CSV with the byte order mark Excel wants)
RUN_FORMATS = {"sepa": b"<?xml", "xlsx": b"PK", "csv": b"\xef\xbb\xbf", "pdf": b"%PDF-"}
STAY_UP = 10.0
READY_TIMEOUT = 60.0


def executables(bundle: Path) -> tuple[Path, Path]:
    """(window, CLI): on Windows the CLI is the console rejnistvo-cli.exe."""
    if sys.platform == "win32":
        return bundle / "Rejnistvo.exe", bundle / "rejnistvo-cli.exe"
    exe = bundle / "Rejnistvo"
    return exe, exe


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


class Smoke:
    def __init__(self, bundle: Path, work: Path) -> None:
        self.bundle = bundle
        self.window_exe, self.cli_exe = executables(bundle)
        self.work = work
        self.failures: list[str] = []
        self.env = dict(os.environ)
        self.env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # keep the user's real folders out of it
        self.env["XDG_DATA_HOME"] = str(work / "data")
        self.env["XDG_CONFIG_HOME"] = str(work / "config")
        self.env["XDG_STATE_HOME"] = str(work / "state")
        self.env["XDG_CACHE_HOME"] = str(work / "cache")
        self.env.pop("REJNISTVO_RESOURCES", None)

    def check(self, ok: bool, what: str, detail: str = "") -> None:
        print(f"{'V REDU' if ok else 'NAPAKA'}  {what}" + (f": {detail}" if detail else ""))
        if not ok:
            self.failures.append(what)

    def cli(self, *args: str, exe: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(exe or self.cli_exe), *args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def calc(self) -> None:
        example = self.work / "example.json"
        example.write_text(json.dumps(SPEC_EXAMPLE), encoding="utf-8")
        started = time.perf_counter()
        done = self.cli("calc", "--input", str(example))
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            self.check(False, "calc", done.stderr.strip()[-500:])
            return
        answer = json.loads(done.stdout)
        expected = self.expected_calc(example)
        if expected is None:
            ok = list(answer) == ["months", "board", "board_increase", "fee", "total"]
            self.check(ok, "calc (oblika odgovora)", f"skupaj {answer.get('total')}")
        else:
            self.check(
                answer == expected, "calc = odgovor izvorne kode", f"skupaj {answer['total']}"
            )
        print(f"        čas ukaza calc: {elapsed:.2f} s")

    def expected_calc(self, example: Path) -> object | None:
        """The checkout's answer to the same input (same rates), if this Python has it."""
        done = subprocess.run(
            [sys.executable, "-m", "rejnistvo", "calc", "--input", str(example)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return json.loads(done.stdout) if done.returncode == 0 else None

    def print_forms(self) -> None:
        """R-1, R-4 and R-5 from the examples the bundle ships (`print --help` points the
        user to them); R-5 counts working days, so it also reads the holidays' data."""
        for form in FORMS:
            example = self.bundle / "_internal" / "rejnistvo" / "forms" / f"{form}.example.json"
            if not example.is_file():
                self.check(False, f"zgled {example.name} v svežnju", str(example))
                continue
            out = self.work / f"{form}.pdf"
            done = self.cli("print", form, "--input", str(example), "--out", str(out))
            ok = done.returncode == 0 and out.is_file() and out.read_bytes()[:5] == b"%PDF-"
            size = f"{out.stat().st_size // 1024} KiB" if out.is_file() else done.stderr.strip()
            self.check(ok, f"print {form} → PDF", size)

    def demo(self) -> Path:
        db = self.work / "demo.sqlite3"
        done = self.cli("demo", "--db", str(db))
        self.check(done.returncode == 0 and db.is_file(), "demo (nova zbirka)", done.stderr.strip())
        return db

    def payment_exports(self, db: Path) -> None:
        """This month's payment run in every file format: each writes its file."""
        month = date.today().strftime("%Y-%m")
        for kind, start in RUN_FORMATS.items():
            out = self.work / f"izplacilo.{kind}"
            done = self.cli(
                "run", "--db", str(db), "--month", month, "--format", kind, "--out", str(out)
            )
            ok = done.returncode == 0 and out.is_file() and out.read_bytes().startswith(start)
            self.check(ok, f"run --format {kind}", done.stderr.strip()[-500:])

    def window(self, db: Path) -> float | None:
        ready = self.work / "ready"
        env = dict(self.env, REJNISTVO_READY_FILE=str(ready))
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(self.window_exe), "--db", str(db)],
            cwd=self.work,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        startup = None
        try:
            while time.perf_counter() - started < READY_TIMEOUT:
                if ready.exists():
                    startup = time.perf_counter() - started
                    break
                if process.poll() is not None:
                    break
                time.sleep(0.01)
            self.check(
                startup is not None,
                "okno se odpre",
                f"{startup:.2f} s do okna z odprto zbirko" if startup else "ni se odprlo",
            )
            if startup is not None:
                time.sleep(STAY_UP)
                self.check(process.poll() is None, f"okno ostane odprto {STAY_UP:.0f} s")
                cached = sorted((self.work / "cache").rglob("pyside/support.*.code"))
                self.check(
                    bool(cached),
                    "PySide6 naložen po lean_pyside (predpomnilnik prevedene kode)",
                    cached[0].name if cached else "ni datoteke: Qt je uvozil kdo drug prej",
                )
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            if "Traceback" in output:
                self.check(False, "brez sledi napak (traceback)", output[-800:])
        return startup

    def run(self) -> int:
        for exe in {self.window_exe, self.cli_exe}:
            if not exe.is_file():
                print(f"Ni izvršljive datoteke {exe}: najprej python packaging/build.py")
                return 2
        self.calc()
        self.print_forms()
        db = self.demo()
        self.payment_exports(db)
        startup = self.window(db)
        size = folder_size(self.bundle)
        print(f"\nVelikost svežnja: {size / 2**20:.0f} MiB ({self.bundle})")
        if startup is not None:
            print(f"Zagon okna (do okna z odprto zbirko): {startup:.2f} s")
        print("Vse preverjeno." if not self.failures else f"Napake: {', '.join(self.failures)}")
        return 0 if not self.failures else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Preskus zgrajenega svežnja (PyInstaller).")
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "Rejnistvo"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rejnistvo-smoke-") as tmp:
        return Smoke(Path(args.bundle).resolve(), Path(tmp)).run()


if __name__ == "__main__":
    sys.exit(main())
