"""Settings of the bundle that packaging/steward-app.spec builds, kept in plain Python so the
tests check them without PyInstaller (tests/packaging/test_bundle_settings.py).

- Which programs are console programs. Windows: the window program has none (a console
  window would open beside it), and steward-app-cli.exe is the console one. macOS: none, or
  PyInstaller marks the app LSBackgroundOnly (no Dock icon, no menu bar); the commands still
  print to Terminal when run from it. Linux: one program that does both.
- macOS's Info.plist: the .tally type declared (a UTI of this program's, which Finder and
  Mail need to offer "Open with steward_app"), and the app a foreground one.
- Windows's version resource (Properties > Details; SmartScreen and antivirus heuristics
  trust a program with a publisher and version more than a bare one).
"""

from __future__ import annotations

import re

TALLY_UTI = "org.steward-app.tally"
BUNDLE_ID = "org.steward-app.steward-app"


def console_program(platform: str) -> bool:
    """Whether the main program (steward-app) is built as a console program."""
    return platform not in ("win32", "darwin")


def info_plist(version: str) -> dict[str, object]:
    return {
        "CFBundleName": "steward_app",
        "CFBundleDisplayName": "steward_app",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "LSBackgroundOnly": False,  # a window, a Dock icon and a menu bar
        "LSMinimumSystemVersion": "11.0",
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": TALLY_UTI,
                "UTTypeDescription": "steward_app tally file",
                "UTTypeConformsTo": ["public.data"],
                "UTTypeIconFile": "steward-app.icns",
                "UTTypeTagSpecification": {
                    "public.filename-extension": ["tally"],
                    "public.mime-type": ["application/vnd.steward-app.tally+zip"],
                },
            }
        ],
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "steward_app tally file",
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [TALLY_UTI],
            }
        ],
    }


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """ "0.1.0" -> (0, 1, 0, 0); a suffix such as "rc1" or ".dev3" is left out."""
    numbers = []
    for part in version.split(".")[:4]:
        match = re.match(r"\d+", part)
        if match is None:
            break
        numbers.append(int(match.group()))
        if match.end() < len(part):
            break  # "0rc2": the number, then the rest of the version is a suffix
    return (tuple(numbers) + (0, 0, 0, 0))[:4]  # type: ignore[return-value]


def version_info_text(version: str, exe: str, description: str) -> str:
    """A version resource in PyInstaller's version-file form (EXE(version=...))."""
    v = version_tuple(version)
    strings = {
        "CompanyName": "steward_app",
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": exe.removesuffix(".exe"),
        "LegalCopyright": "GPL-3.0-or-later",
        "OriginalFilename": exe,
        "ProductName": "steward_app",
        "ProductVersion": version,
    }
    table = ",\n        ".join(f"StringStruct({k!r}, {s!r})" for k, s in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={v}, prodvers={v}, mask=0x3F, flags=0x0, OS=0x40004,
    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
        {table}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])]),
  ],
)
"""
