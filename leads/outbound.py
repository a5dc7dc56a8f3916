"""Which addresses the server may reach when a user chose them: webhook targets and news sources.

Whoever may save a webhook or a source chooses where the server connects. Left unchecked, that lets
them reach the machines only the server reaches (its database, a cache, a cloud's metadata service),
and with a source read the answer back as an imported article. Such targets are refused unless the
deployment allows private addresses (`WEBHOOK_PRIVATE_TARGETS`, `SOURCE_PRIVATE_TARGETS`: an intranet).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


def non_public_address(url: str) -> str:
    """The first address that `url`'s host is, or resolves to, and that is not public; "" when none.

    A host that does not resolve gives "": connecting to it fails on its own, and is reported as
    the connection failure it is. Every address of the name is checked, as a client may use any.
    """
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname or "", port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError):
        return ""
    for address in sorted({info[4][0] for info in infos}):
        if not ipaddress.ip_address(address.split("%", 1)[0]).is_global:
            return address
    return ""
