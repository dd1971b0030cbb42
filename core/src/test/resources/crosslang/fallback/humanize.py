"""Stand-in for the two `humanize` functions simplesingletable 16.5.0 imports (naturalsize, precisedelta).

Only used by the cross-language tests when the real `humanize` package is not installed (driver.py puts this
directory at the end of sys.path). The library calls them only in display helpers the tests never assert on.
"""

__all__ = ["naturalsize", "precisedelta"]


def naturalsize(value, binary=False, gnu=False, format="%.1f"):
    base = 1024 if binary else 1000
    units = ("KiB", "MiB", "GiB", "TiB") if binary else ("kB", "MB", "GB", "TB")
    size = float(value)
    if abs(size) < base:
        return "%d Bytes" % size
    for unit in units:
        size /= base
        if abs(size) < base or unit == units[-1]:
            return (format + " %s") % (size, unit)


def precisedelta(value, minimum_unit="seconds", suppress=(), format="%0.2f"):
    seconds = int(abs(value.total_seconds()))
    parts = []
    for name, length in (("days", 86400), ("hours", 3600), ("minutes", 60), ("seconds", 1)):
        count, seconds = divmod(seconds, length)
        if count:
            parts.append("%d %s" % (count, name if count != 1 else name[:-1]))
        if name == minimum_unit:
            break
    return ", ".join(parts) or "0 " + minimum_unit
