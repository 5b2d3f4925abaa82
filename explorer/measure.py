"""Readings of this process that the command line and the window's benchmark both take (no Qt,
no store: any layer may use it)."""

from __future__ import annotations


def memory_mb() -> dict[str, float | None]:
    """Resident memory now (VmRSS) and at its peak (VmHWM), from /proc/self/status (Linux)."""
    values: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                name, _, rest = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    values[name] = round(int(rest.split()[0]) / 1024, 1)
    except OSError:
        pass  # not Linux: no figures rather than a wrong one
    return {"steady": values.get("VmRSS"), "peak": values.get("VmHWM")}
