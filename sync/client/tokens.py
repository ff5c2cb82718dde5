"""OAuth tokens and where they are kept: the OS keyring when it has a real
backend, else a JSON file only its owner can read (0600); memory in tests."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class TokenSet:
    access_token: str
    refresh_token: str
    expires_at: datetime  # aware UTC: when the access token stops working
    scope: str = ""
    firm_uuid: str = ""  # from the first exchange; refresh answers do not carry it
    token_type: str = "Bearer"

    def __post_init__(self) -> None:
        if self.expires_at.tzinfo is None:
            raise ValueError("TokenSet.expires_at must be timezone-aware")

    @classmethod
    def from_answer(
        cls, answer: dict[str, Any], now: datetime, previous: TokenSet | None = None
    ) -> TokenSet:
        """Build from a POST /tokens answer; raises ValueError when it is incomplete."""
        try:
            access = str(answer["access_token"])
            refresh = str(answer["refresh_token"])
            expires_in = int(answer["expires_in"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"token answer lacks {exc}") from None
        return cls(
            access_token=access,
            refresh_token=refresh,
            expires_at=now + timedelta(seconds=expires_in),
            scope=str(answer.get("scope", previous.scope if previous else "")),
            firm_uuid=str(answer.get("firm_uuid") or (previous.firm_uuid if previous else "")),
            token_type=str(answer.get("token_type", "Bearer")),
        )

    def to_json(self) -> str:
        data = asdict(self)
        data["expires_at"] = self.expires_at.isoformat()
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> TokenSet:
        data = json.loads(text)
        data["expires_at"] = datetime.fromisoformat(data["expires_at"])
        return cls(**data)


class TokenStore(Protocol):
    def load(self) -> TokenSet | None: ...

    def save(self, tokens: TokenSet) -> None: ...

    def clear(self) -> None: ...


class MemoryTokenStore:
    def __init__(self, tokens: TokenSet | None = None) -> None:
        self._tokens = tokens
        self._lock = threading.Lock()
        self.saves = 0

    def load(self) -> TokenSet | None:
        with self._lock:
            return self._tokens

    def save(self, tokens: TokenSet) -> None:
        with self._lock:
            self._tokens = tokens
            self.saves += 1

    def clear(self) -> None:
        with self._lock:
            self._tokens = None


class FileTokenStore:
    """A JSON file created 0600 and replaced atomically."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self) -> TokenSet | None:
        try:
            return TokenSet.from_json(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def save(self, tokens: TokenSet) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(tokens.to_json())
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


class KeyringTokenStore:
    """The OS keyring (macOS Keychain, Windows Credential Locker, Secret Service)."""

    def __init__(self, service: str, account: str) -> None:
        self.service = service
        self.account = account

    def load(self) -> TokenSet | None:
        import keyring

        text = keyring.get_password(self.service, self.account)
        return TokenSet.from_json(text) if text else None

    def save(self, tokens: TokenSet) -> None:
        import keyring

        keyring.set_password(self.service, self.account, tokens.to_json())

    def clear(self) -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(self.service, self.account)
        except PasswordDeleteError:
            pass


def keyring_available() -> bool:
    """True when `keyring` has a backend that really stores secrets."""
    try:
        import keyring
        from keyring.backends import chainer, fail
    except ImportError:  # pragma: no cover
        return False
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or type(backend).__module__.endswith(".null"):
        return False
    return not (isinstance(backend, chainer.ChainerBackend) and not backend.backends)


def default_token_store(account: str, fallback: Path, service: str = "tenths-mycase") -> TokenStore:
    """The keyring if it has a real backend, else a 0600 JSON file at `fallback`."""
    if keyring_available():
        return KeyringTokenStore(service, account)
    return FileTokenStore(fallback)
