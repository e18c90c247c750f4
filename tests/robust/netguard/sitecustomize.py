"""Put on PYTHONPATH of a subprocess: any attempt to use the network ends it with exit 97.

Installed as a ``sitecustomize`` so it is active before the program imports anything.
"""

import os
import socket
import sys

_INET = {socket.AF_INET, socket.AF_INET6}
_LOOKUPS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
            "socket.gethostbyaddr", "urllib.Request", "http.client.connect",
            "ftplib.connect", "smtplib.connect", "webbrowser.open"}


def _refuse(event, args):
    sys.stderr.write(f"NETWORK-GUARD: {event} {args!r}\n")
    sys.stderr.flush()
    os._exit(97)


def _audit(event, args):
    if event == "socket.__new__" and len(args) > 1 and args[1] in _INET:
        _refuse(event, args[1:])
    elif event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
        if getattr(args[0], "family", None) in _INET:
            _refuse(event, args[1:])
    elif event in _LOOKUPS:
        _refuse(event, args)


sys.addaudithook(_audit)
