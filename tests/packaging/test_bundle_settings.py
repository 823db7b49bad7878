"""The bundle's settings (packaging/bundle_settings.py, used by packaging/steward-app.spec):
macOS gets a foreground app with .tally declared as a type of its own, Windows a version
resource, and the spec uses them."""

from __future__ import annotations

import importlib.util
import plistlib
from pathlib import Path
from types import ModuleType

import steward_app

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "packaging" / "steward-app.spec").read_text(encoding="utf-8")


def settings() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bundle_settings", ROOT / "packaging" / "bundle_settings.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_macos_builds_no_console_program_so_the_app_is_no_background_one() -> None:
    s = settings()
    assert s.console_program("darwin") is False  # PyInstaller: console => LSBackgroundOnly
    assert s.console_program("win32") is False  # steward-app-cli.exe is the console one
    assert s.console_program("linux") is True
    assert "console_program(sys.platform)" in SPEC and "info_plist(VERSION)" in SPEC


def test_the_info_plist_declares_the_tally_type_and_opens_it() -> None:
    s = settings()
    plist = s.info_plist("1.2.3")
    plistlib.loads(plistlib.dumps(plist))  # a valid property list
    assert plist["LSBackgroundOnly"] is False
    (declared,) = plist["UTExportedTypeDeclarations"]
    assert declared["UTTypeIdentifier"] == s.TALLY_UTI
    assert declared["UTTypeTagSpecification"]["public.filename-extension"] == ["tally"]
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == [s.TALLY_UTI]
    assert plist["CFBundleShortVersionString"] == "1.2.3"


class _Recorded:
    def __init__(self, *args: object, **kwargs: object) -> None:
        self.args, self.kwargs = args, kwargs


def test_the_windows_version_resource_carries_the_version() -> None:
    s = settings()
    assert s.version_tuple(steward_app.__version__)[:2] == tuple(
        int(p) for p in steward_app.__version__.split(".")[:2]
    )
    assert s.version_tuple("1.4.0rc2") == (1, 4, 0, 0)
    assert s.version_tuple("2.0.dev3") == (2, 0, 0, 0)
    text = s.version_info_text("1.4.2", "steward-app-cli.exe", "steward_app command line")
    names = (
        "VSVersionInfo FixedFileInfo StringFileInfo StringTable StringStruct VarFileInfo VarStruct"
    )
    scope = {name: _Recorded for name in names.split()}
    info = eval(text, scope)  # how PyInstaller reads a version file
    assert info.kwargs["ffi"].kwargs["filevers"] == (1, 4, 2, 0)
    strings = {s.args[0]: s.args[1] for s in info.kwargs["kids"][0].args[0][0].args[1]}
    assert strings["OriginalFilename"] == "steward-app-cli.exe"
    assert strings["ProductVersion"] == "1.4.2"
    assert 'version=version_file(f"{name}.exe", description)' in SPEC


def test_the_installer_opens_a_command_prompt_and_may_add_the_path() -> None:
    iss = (ROOT / "packaging" / "steward-app.iss").read_text(encoding="utf-8")
    assert "command prompt" in iss and "steward-app-cli --help" in iss
    assert 'Name: "addtopath"' in iss and "Flags: unchecked" in iss
    assert 'Subkey: "Environment"' in iss and "Tasks: addtopath" in iss
    assert "VersionInfoVersion={#AppVersion}" in iss
    assert "#ifdef Sign\nSignTool=stewardsign\n" in iss
