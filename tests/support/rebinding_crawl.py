"""A site crawl under a rebinding DNS: ``python tests/support/rebinding_crawl.py HOST SECOND_ADDRESS -- CRAWL ARGS``.

This process's name lookups (``socket.getaddrinfo`` and ``socket.gethostbyname``, which the
crawl's guard and Scrapy's resolver use) are replaced before the crawl starts: ``HOST``
answers a public address (``93.184.216.34``) to its first lookup and ``SECOND_ADDRESS`` to
every later one, as an attacker's DNS with a zero TTL does. Other names are not looked up at
all (no real DNS): IP literals answer themselves, anything else fails.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from typing import Any

from crawlers.crawl import main

PUBLIC = "93.184.216.34"


def install(host: str, second: str) -> list[str]:
    """Replace this process's lookups by the rebinding answers; returns the log of answers given."""
    answers: list[str] = []

    def answer(name: str) -> str:
        if name.lower() == host:
            answers.append(PUBLIC if not answers else second)
            return answers[-1]
        try:
            return str(ipaddress.ip_address(name.strip("[]")))
        except ValueError:
            raise socket.gaierror(socket.EAI_NONAME, f"{name}: not known to the test resolver") from None

    def getaddrinfo(name: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        address = answer(name)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 0)))]

    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]
    socket.gethostbyname = answer
    return answers


if __name__ == "__main__":
    separator = sys.argv.index("--")
    given = install(sys.argv[1].lower(), sys.argv[2])
    code = main(sys.argv[separator + 1 :])
    print("answers:", ",".join(given), file=sys.stderr)
    sys.exit(code)
