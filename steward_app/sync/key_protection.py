"""The key file's secret, protected by Windows for this user account (DPAPI).

On POSIX the key file is written with mode 0600: only this user reads it. On Windows a mode
means nothing, and a database placed outside the profile (`--db C:\\Vote\\...`) inherits the
folder's rules, often "Users: read": any account on the PC could copy the secret and sign as
this PC. There the secret is stored encrypted with CryptProtectData in the user's scope: only
this Windows account, on this PC, can decrypt it (its logon secret is the key), without a
passphrase to type. An administrator who resets the account's password, or malware running
as this user, can still use it: see docs/sync-format.md.

`Dpapi` takes the two Windows libraries as arguments, so the marshalling (blobs in and out,
the memory Windows allocates freed) is tested on any system with stand-ins.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any, Protocol

from steward_app.domain.language import _

DPAPI_USER = "dpapi-user"  # the key file's "protection" value
_ENTROPY = b"steward_app/v1/key-file"  # an extra secret of this program, not of the user
_UI_FORBIDDEN = 0x1  # CRYPTPROTECT_UI_FORBIDDEN: never a dialog


class Protector(Protocol):
    name: str

    def protect(self, data: bytes) -> bytes: ...

    def unprotect(self, data: bytes) -> bytes: ...


class ProtectionError(OSError):
    """Windows would not encrypt or decrypt the secret (another account's file, a profile
    whose keys were reset)."""


class DataBlob(ctypes.Structure):
    _fields_ = [("cbData", ctypes.c_uint32), ("pbData", ctypes.POINTER(ctypes.c_char))]


def _blob(data: bytes) -> tuple[DataBlob, Any]:
    buffer = ctypes.create_string_buffer(data, len(data))
    return DataBlob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char))), buffer


class Dpapi:
    """CryptProtectData / CryptUnprotectData in the user's scope."""

    name = DPAPI_USER

    def __init__(self, crypt32: Any, kernel32: Any) -> None:
        self.crypt32 = crypt32
        self.kernel32 = kernel32

    def protect(self, data: bytes) -> bytes:
        return self._call(self.crypt32.CryptProtectData, data, "steward_app signing secret")

    def unprotect(self, data: bytes) -> bytes:
        return self._call(self.crypt32.CryptUnprotectData, data, None)

    def _call(self, function: Any, data: bytes, description: str | None) -> bytes:
        source, _keep = _blob(data)
        entropy, _keep_entropy = _blob(_ENTROPY)
        out = DataBlob()
        ok = function(
            ctypes.byref(source),
            description,
            ctypes.byref(entropy),
            None,
            None,
            _UI_FORBIDDEN,
            ctypes.byref(out),
        )
        if not ok:
            raise ProtectionError(
                _("Windows refused to encrypt it")
                if description
                else _("Windows refused to decrypt it")
            )
        try:
            return ctypes.string_at(out.pbData, out.cbData)
        finally:
            self.kernel32.LocalFree(out.pbData)


def default_protector() -> Protector | None:
    """DPAPI on Windows; None elsewhere (the file's mode protects it there)."""
    if sys.platform != "win32":
        return None
    crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    return Dpapi(crypt32, kernel32)
