"""The key file's secret on Windows: encrypted for the user's account (DPAPI), read back,
refused in words when another account's, and a plain file of an older version protected in
place. DPAPI itself is Windows's: here a stand-in backend, and stand-in libraries for the
ctypes marshalling (blobs in and out, Windows's memory freed)."""

from __future__ import annotations

import base64
import ctypes
import json
from pathlib import Path
from typing import Any

import pytest

from steward_app.sync import keys
from steward_app.sync.key_protection import DataBlob, Dpapi, ProtectionError


class FakeDpapi:
    """Encrypts for one account: another account's instance cannot decrypt."""

    name = "dpapi-user"

    def __init__(self, account: bytes = b"this account") -> None:
        self.account = account

    def protect(self, data: bytes) -> bytes:
        return self.account + b"|" + bytes(b ^ 0x5A for b in data)

    def unprotect(self, data: bytes) -> bytes:
        account, _, body = data.partition(b"|")
        if account != self.account:
            raise ProtectionError("Windows refused to decrypt it")
        return bytes(b ^ 0x5A for b in body)


def stored(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_a_protected_key_file_holds_no_plain_secret_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "vote.sqlite.key"
    made = keys.create_secret(path, "db-1", FakeDpapi())
    data = stored(path)
    assert data["protection"] == "dpapi-user"
    assert base64.b64decode(data["seed"]) != made.seed and made.seed not in path.read_bytes()
    again = keys.read_secret(path, FakeDpapi())
    assert again == made
    assert again is not None and again.signer("s", "pc").origin == made.signer("s", "pc").origin


def test_another_account_s_key_file_is_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "vote.sqlite.key"
    keys.create_secret(path, "db-1", FakeDpapi())
    before = path.read_bytes()
    with pytest.raises(keys.KeyFileError, match="another Windows account"):
        keys.read_secret(path, FakeDpapi(b"another account"))
    with pytest.raises(keys.KeyFileError, match="dpapi-user"):
        keys.read_secret(path, None)  # a system without DPAPI (the file went to a Mac)
    assert path.read_bytes() == before  # nothing changed


def test_a_plain_key_file_is_protected_in_place(tmp_path: Path) -> None:
    path = tmp_path / "vote.sqlite.key"
    plain = keys.create_secret(path, "db-1", None)
    assert "protection" not in stored(path)
    assert keys.read_secret(path, FakeDpapi()) == plain
    assert stored(path)["protection"] == "dpapi-user"  # now protected
    assert keys.read_secret(path, FakeDpapi()) == plain  # and the same secret
    assert [p.name for p in tmp_path.iterdir()] == ["vote.sqlite.key"]


def test_without_a_protector_the_file_stays_as_before(tmp_path: Path) -> None:
    path = tmp_path / "vote.sqlite.key"
    made = keys.create_secret(path, "db-1", None)
    assert base64.b64decode(stored(path)["seed"]) == made.seed
    assert keys.read_secret(path, None) == made


class Crypt32:
    """CryptProtectData / CryptUnprotectData as Windows calls them: input blob, description,
    entropy blob, reserved, prompt, flags, output blob (allocated by "Windows")."""

    def __init__(self) -> None:
        self.allocated: list[Any] = []
        self.calls: list[tuple[str, bytes, Any, bytes, int]] = []

    def _run(
        self,
        what: str,
        source: Any,
        description: Any,
        entropy: Any,
        flags: int,
        out: Any,
        transform: Any,
    ) -> int:
        data = ctypes.string_at(source._obj.pbData, source._obj.cbData)
        salt = ctypes.string_at(entropy._obj.pbData, entropy._obj.cbData)
        self.calls.append((what, data, description, salt, flags))
        result = transform(data)
        buffer = ctypes.create_string_buffer(result, len(result))
        self.allocated.append(buffer)
        blob: DataBlob = out._obj
        blob.cbData = len(result)
        blob.pbData = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char))
        return 1

    def CryptProtectData(
        self, source: Any, description: Any, entropy: Any, _r: Any, _p: Any, flags: int, out: Any
    ) -> int:
        return self._run("protect", source, description, entropy, flags, out, lambda d: d[::-1])

    def CryptUnprotectData(
        self, source: Any, description: Any, entropy: Any, _r: Any, _p: Any, flags: int, out: Any
    ) -> int:
        return self._run("unprotect", source, description, entropy, flags, out, lambda d: d[::-1])


class Kernel32:
    def __init__(self) -> None:
        self.freed = 0

    def LocalFree(self, _pointer: Any) -> None:
        self.freed += 1


def test_the_ctypes_marshalling_round_trips_and_frees_windows_memory() -> None:
    crypt32, kernel32 = Crypt32(), Kernel32()
    dpapi = Dpapi(crypt32, kernel32)
    secret = bytes(range(32))
    sealed = dpapi.protect(secret)
    assert sealed == secret[::-1] and dpapi.unprotect(sealed) == secret
    (what, data, description, salt, flags), second = crypt32.calls
    assert (what, data, flags) == ("protect", secret, 0x1)  # never a dialog
    assert description == "steward_app signing secret" and salt == b"steward_app/v1/key-file"
    assert second[0] == "unprotect" and second[3] == salt  # the same entropy both ways
    assert kernel32.freed == 2


def test_a_refusal_by_windows_is_an_error_not_garbage() -> None:
    class Refusing(Crypt32):
        def CryptUnprotectData(self, *_args: Any) -> int:
            return 0

    with pytest.raises(ProtectionError):
        Dpapi(Refusing(), Kernel32()).unprotect(b"sealed")
