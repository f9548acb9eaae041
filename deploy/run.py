"""Run the assistant as several Rasa instances behind nginx, on PostgreSQL and Redis.

    python -m deploy.run           # start, supervise; Ctrl-C or SIGTERM stops everything
    python -m deploy.run reload    # new model: restart the Rasa instances one at a time
    python -m deploy.run config    # print the nginx configuration it would use

Everything comes from the environment (the table is in docs/deployment.md):
TRACKER_DB_URL (PostgreSQL) and LOCK_STORE_URL (Redis) are required; RASA_INSTANCES
Rasa servers on RASA_PORT, RASA_PORT+1, ...; ACTION_SERVERS action servers on
ACTIONS_PORT, ...; nginx on NGINX_HOST:NGINX_PORT. Every process listens on
loopback except nginx, and only nginx's address is meant to be public.

This process supervises the others: a process that dies is restarted (with back-off),
one that stops answering its health check for two minutes is killed and restarted,
and nginx sends traffic elsewhere meanwhile. SIGHUP (``reload``) restarts the Rasa
instances one after another, each only after the previous one answers again, so a
new model goes live without a moment in which no instance serves.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Callable, Dict, List, Optional

from deploy.nginx import nginx_config
from deploy.settings import ConfigError, Settings, _log
from deploy.supervisor import Deployment


def _serve(settings: Settings) -> int:
    deployment = Deployment(settings, dict(os.environ))

    def stop_on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    def reload_on_signal(signum: int, _frame: object) -> None:
        deployment.reload_requested = True

    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGHUP, reload_on_signal)
    try:
        deployment.start()
        deployment.supervise()
        return 0
    except KeyboardInterrupt:
        return 0
    except (RuntimeError, TimeoutError, ConfigError) as error:
        _log(f"cannot run: {error}")
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        deployment.stop()
        _log("stopped")


def _reload(settings: Settings) -> int:
    pid_file = settings.runtime_dir / "deploy.pid"
    try:
        os.kill(int(pid_file.read_text()), signal.SIGHUP)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        print(f"no running deployment ({pid_file})", file=sys.stderr)
        return 1
    print("rolling restart requested; progress is in the launcher's output")
    return 0


def _print_config(settings: Settings) -> int:
    print(nginx_config(settings))
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.run")
    parser.add_argument("command", nargs="?", default="serve")
    parser.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN[,ORIGIN...]",
        help="a site allowed to call the REST channel and frame the widget "
        "(repeatable or comma-separated; added to $CORS_ORIGINS)",
    )
    args = parser.parse_args(argv)
    commands: Dict[str, Callable[[Settings], int]] = {
        "serve": _serve,
        "reload": _reload,
        "config": _print_config,
    }
    if args.command not in commands:
        parser.error(f"unknown command {args.command!r}; use {', '.join(commands)}")
    env = dict(os.environ)
    if args.cors:
        env["CORS_ORIGINS"] = ",".join([env.get("CORS_ORIGINS", ""), *args.cors])
    try:
        settings = Settings.from_env(env)
    except ConfigError as error:
        print(f"deploy: {error}", file=sys.stderr)
        return 2
    return commands[args.command](settings)


if __name__ == "__main__":
    sys.exit(main())
