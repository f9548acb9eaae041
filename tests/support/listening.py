"""Which TCP addresses a set of processes listens on, read from /proc (Linux).

Used by the tests that hold ``make serve``, ``make shell`` and the scaled set-up
to "nothing listens beyond localhost unless told to": a socket belongs to a
process when one of the process's file descriptors points at its inode.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Dict, Iterable, Set, Tuple

LISTEN = "0A"
"""TCP state code of a listening socket in /proc/net/tcp."""

Address = Tuple[str, int]


def _address(hex_address: str, family: int) -> str:
    raw = bytes.fromhex(hex_address)
    if family == socket.AF_INET:
        return socket.inet_ntop(family, raw[::-1])
    words = [raw[i : i + 4][::-1] for i in range(0, 16, 4)]
    return socket.inet_ntop(family, b"".join(words)).removeprefix("::ffff:")


def listening_inodes(proc: Path = Path("/proc")) -> Dict[int, Address]:
    """Socket inode -> (address, port) of every listening TCP socket (IPv4 and IPv6)."""
    found: Dict[int, Address] = {}
    for table, family in (("tcp", socket.AF_INET), ("tcp6", socket.AF_INET6)):
        path = proc / "net" / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] != LISTEN:
                continue
            address_hex, port_hex = fields[1].split(":")
            found[int(fields[9])] = (_address(address_hex, family), int(port_hex, 16))
    return found


def listening_addresses(
    pids: Iterable[int], proc: Path = Path("/proc")
) -> Set[Address]:
    """The (address, port) pairs the given processes listen on."""
    sockets = listening_inodes(proc)
    found: Set[Address] = set()
    for pid in pids:
        fd_dir = proc / str(pid) / "fd"
        try:
            links = [os.readlink(fd_dir / fd) for fd in os.listdir(fd_dir)]
        except OSError:  # the process ended meanwhile
            continue
        for link in links:
            if link.startswith("socket:["):
                inode = int(link[len("socket:[") : -1])
                if inode in sockets:
                    found.add(sockets[inode])
    return found


def process_tree(root: int, proc: Path = Path("/proc")) -> Set[int]:
    """``root`` and every process below it."""
    children: Dict[int, Set[int]] = {}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), set()).add(int(stat.parent.name))
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        found.add(pid)
        todo += children.get(pid, set()) - found
    return found


def loopback(address: str) -> bool:
    return address.startswith("127.") or address == "::1"
