"""The Linux desktop entry and the .tally MIME type pass the tools that read them:
desktop-file-validate (desktop-file-utils), xmllint (libxml2-utils) and update-mime-database
(shared-mime-info), as installed by packaging/dev-setup.sh. Skipped, with the reason, where a
tool is missing (Windows, macOS); .ci/run runs the same tools and fails without them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"
DESKTOP = LINUX / "steward-app.desktop"
MIME_XML = LINUX / "steward-app-tally.xml"
TYPE = "application/vnd.steward-app.tally+zip"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (packaging/dev-setup.sh installs it on Debian)")
    return path


def test_the_desktop_entry_validates() -> None:
    done = subprocess.run(
        [tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_desktop_entry_names_a_version_the_spec_knows() -> None:
    # desktop-file-utils 0.26 (Debian 12) knows 1.0 to 1.4; the keys used are all in 1.4
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert "Version=1.4" in lines
    assert f"MimeType={TYPE};" in lines


def test_the_mime_xml_is_well_formed() -> None:
    done = subprocess.run(
        [tool("xmllint"), "--noout", str(MIME_XML)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_mime_xml_compiles_into_a_mime_database(tmp_path: Path) -> None:
    # update-mime-database exits 0 even on errors; it reports them on stderr
    (tmp_path / "packages").mkdir()
    shutil.copy(MIME_XML, tmp_path / "packages")
    done = subprocess.run(
        [tool("update-mime-database"), str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "Error" not in done.stderr, done.stderr
    assert TYPE in (tmp_path / "types").read_text().split()
    assert f"60:{TYPE}:*.tally" in (tmp_path / "globs2").read_text().splitlines()
    assert TYPE.encode() in (tmp_path / "magic").read_bytes()
