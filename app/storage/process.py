"""Is a process that left an edit marker still alive?  (stdlib only, no psutil)

A marker records the pid and, where the OS exposes it, the process start time:
a pid reused by an unrelated process after a crash or a reboot is not mistaken
for the editor that died.
"""

from __future__ import annotations

import os
import sys
from functools import cache

__all__ = ["current_token", "process_alive", "process_token"]


def _linux_stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            text = stat.read()
    except OSError:
        return None
    # the command name (field 2) may contain spaces and parentheses
    return text[text.rfind(")") + 2 :].split()


def process_token(pid: int) -> str:
    """Start time of ``pid`` in clock ticks since boot (Linux), else ``""``."""
    if sys.platform.startswith("linux"):
        fields = _linux_stat(pid)
        if fields and len(fields) > 19:
            return fields[19]
    return ""


@cache
def current_token() -> str:
    return process_token(os.getpid())


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import ctypes

    def _pid_exists(pid: int) -> bool:
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return False
            return bool(code.value == 259)  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)

else:

    def _pid_exists(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # alive, owned by someone else
            return True
        if sys.platform.startswith("linux"):
            fields = _linux_stat(pid)
            if fields is not None and fields[:1] == ["Z"]:  # zombie: dead, not yet reaped
                return False
        return True


def process_alive(pid: int, token: str = "") -> bool:
    """Whether ``pid`` runs and, when ``token`` is known, is the same process."""
    if pid <= 0 or not _pid_exists(pid):
        return False
    if token:
        current = process_token(pid)
        if current and current != token:
            return False
    return True
