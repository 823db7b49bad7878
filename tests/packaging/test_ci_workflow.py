"""The CI definition for Windows and macOS runners (.github/workflows/ci.yml) is a valid
GitHub Actions workflow (check-jsonschema's vendored schema, offline), and runs what it must:
the tests offscreen on both systems, the bundle built and smoke-tested, the installer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def test_the_workflow_passes_github_s_schema() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
        + [str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_broken_workflow_is_caught(tmp_path: Path) -> None:
    """The check would see a mistake: a job without runs-on, a step with both uses and run."""
    broken = tmp_path / "ci.yml"
    broken.write_text(
        "on: push\njobs:\n  t:\n    steps:\n      - uses: a/b@v1\n        run: echo\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
        + [str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0


def steps_text(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in job["steps"])


def test_windows_and_macos_run_the_tests_offscreen_and_smoke_test_the_bundle() -> None:
    flow = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    job = flow["jobs"]["tests"]
    systems = job["strategy"]["matrix"]["os"]
    assert any(s.startswith("windows") for s in systems)
    assert any(s.startswith("macos") for s in systems)
    assert job["env"]["QT_QPA_PLATFORM"] == "offscreen"
    run = steps_text(job)
    assert "python -m pytest" in run and "PyInstaller" in run
    assert "steward-app-cli.exe" in run and "ISCC.exe" in run  # the Windows bundle, installer
    assert "LSBackgroundOnly" in run and "org.steward-app.tally" in run  # the macOS app
    assert flow["jobs"]["linux"]["steps"][-1]["run"] == "bash .ci/run"
