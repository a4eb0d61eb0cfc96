"""phyclass_client: call phyclass from Python through one long-lived ``phyclass serve`` process.

Standard library only. Each call writes one JSON line ``{"id", "method", "params"}`` to the
server's stdin and reads its one-line answer, so a warm call costs milliseconds instead of the
seconds a fresh ``phyclass`` process needs to start. Results are the dicts the CLI prints with
``--json``; a request the server rejects raises :class:`PhyclassError` (code, message, field).

    from phyclass_client import Phyclass
    with Phyclass() as pc:
        c = pc.plan("teleop.haptic_feedback", link={"snrDb": 12})
        print(c["phyClass"]["id"], c["verdict"]["epsilonAchieved"])
        print(pc.bler(mcs=10, tbsBits=4000, snrDb=7)["bler"])

Which server is started (first match wins):
  1. ``command=[...]`` given to the constructor;
  2. the environment variable ``PHYCLASS_SERVE`` (a shell-style command line, e.g.
     ``"node /opt/phyclass/dist/bundle/phyclass.js serve"``);
  3. ``node <repo>/dist/bundle/phyclass.js serve`` when this file sits in a phyclass checkout that is built;
  4. ``npx phyclass serve``.
"""
from __future__ import annotations

import itertools
import json
import os
import shlex
import subprocess
import threading
from typing import Any, Dict, List, Optional, Sequence

__all__ = ["Phyclass", "PhyclassError", "default_command"]


class PhyclassError(Exception):
    """The server answered a request with an error (bad params, unknown method, ...)."""

    def __init__(self, code: str, message: str, field: Optional[str] = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.field = field


def default_command() -> List[str]:
    """The command that starts ``phyclass serve`` (see the module docstring)."""
    env = os.environ.get("PHYCLASS_SERVE")
    if env:
        return shlex.split(env)
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main = os.path.join(repo, "dist", "bundle", "phyclass.js")
    if os.path.isfile(main):
        return ["node", main, "serve"]
    return ["npx", "phyclass", "serve"]


class Phyclass:
    """One ``phyclass serve`` process; thread-safe (calls are serialised)."""

    def __init__(self, command: Optional[Sequence[str]] = None, cwd: Optional[str] = None):
        self.command = list(command) if command is not None else default_command()
        self._proc = subprocess.Popen(
            self.command,
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        )
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.last_unmet = False

    # -- plumbing ---------------------------------------------------------------------------

    def call(self, method: str, **params: Any) -> Any:
        """Call any server method; returns its result (a dict or a list). ``None`` params are dropped."""
        response = self.request(method, {k: v for k, v in params.items() if v is not None})
        if "error" in response:
            e = response["error"]
            raise PhyclassError(e.get("code", "error"), e.get("message", ""), e.get("field"))
        self.last_unmet = bool(response.get("unmet", False))
        return response["result"]

    def request(self, method: str, params: Dict[str, Any]) -> Dict[str, Any]:
        """Send one request and return the whole response object (``result`` or ``error``)."""
        with self._lock:
            if self._proc.poll() is not None:
                raise RuntimeError(f"phyclass serve exited with {self._proc.returncode}: {self._stderr()}")
            rid = next(self._ids)
            line = json.dumps({"id": rid, "method": method, "params": params}, separators=(",", ":"), allow_nan=False)
            assert self._proc.stdin is not None and self._proc.stdout is not None
            try:
                self._proc.stdin.write(line.encode("utf-8") + b"\n")
                self._proc.stdin.flush()
            except BrokenPipeError as e:
                raise RuntimeError(f"phyclass serve is gone: {self._stderr()}") from e
            answer = self._proc.stdout.readline()
            if not answer:
                raise RuntimeError(f"phyclass serve closed its output: {self._stderr()}")
            response = json.loads(answer)
            if response.get("id") != rid:
                raise RuntimeError(f"phyclass serve answered id {response.get('id')!r} to request {rid}")
            return response

    def _stderr(self) -> str:
        try:
            if self._proc.poll() is not None and self._proc.stderr is not None:
                return self._proc.stderr.read().decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            pass
        return ""

    def close(self) -> None:
        """Close the server's stdin and wait for it to exit."""
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        for s in (self._proc.stdout, self._proc.stderr):
            if s is not None:
                s.close()

    def __enter__(self) -> "Phyclass":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- the verbs (results as ``phyclass <verb> ... --json`` prints them) -------------------

    def describe(self) -> Dict[str, Any]:
        """Methods of the server and their parameter schemas."""
        return self.call("describe")

    def services(self) -> List[Dict[str, Any]]:
        """The built-in service catalogue."""
        return self.call("services")

    def plan(self, service: Any, link: Optional[Dict[str, Any]] = None, relaxations: Optional[bool] = None) -> Dict[str, Any]:
        """Least-cost PHY class for one service (catalogue id or profile dict), verified."""
        return self.call("plan", service=service, link=link, relaxations=relaxations)

    def verify(self, service: Any, link: Optional[Dict[str, Any]] = None, phy_class: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """Verify a PHY class (default: the planned one) for a service."""
        return self.call("verify", service=service, link=link, **({"class": phy_class} if phy_class is not None else {}))

    def classes(self, link: Optional[Dict[str, Any]] = None, services: Any = None, only: Optional[Sequence[str]] = None,
                max_classes: Optional[int] = None, strict: Optional[bool] = None) -> Dict[str, Any]:
        """The class plan for the whole carrier (``phyclass classes --json``)."""
        return self.call("classes", link=link, services=services, only=list(only) if only is not None else None, maxClasses=max_classes, strict=strict)

    derive = classes

    def classify(self, service: str, size: Any, link: Optional[Dict[str, Any]] = None, services: Any = None,
                 only: Optional[Sequence[str]] = None, max_classes: Optional[int] = None) -> Dict[str, Any]:
        """Classify one packet (size in bytes, or a string such as "25 kB")."""
        return self.call("classify", service=service, size=size, link=link, services=services, only=list(only) if only is not None else None, maxClasses=max_classes)

    def tbs(self, **params: Any) -> Dict[str, Any]:
        """Transport block size: mcs, nPrb, and optionally mcsTable, nSymbols, nDmrsRePerPrb, ..."""
        return self.call("tbs", **params)

    def bler(self, **params: Any) -> Any:
        """BLER at snrDb, or the SNR for targetBler: mcs, tbsBits, and optionally mcsTable, model, receiver."""
        return self.call("bler", **params)

    def latency(self, **params: Any) -> Dict[str, Any]:
        """User-plane latency: direction, duplex, tddPattern, mu, ttiSymbols, ueCapability, grant, transmissions, alignment."""
        return self.call("latency", **params)

    def simulate(self, scenario: Dict[str, Any], seed: Optional[int] = None, slots: Optional[int] = None) -> Dict[str, Any]:
        """Slot-level simulation of a scenario dict (as the scenario JSON file)."""
        return self.call("simulate", scenario=scenario, seed=seed, slots=slots)

    def export(self, target: str, plan: Optional[Dict[str, Any]] = None, **params: Any) -> str:
        """The text ``phyclass export --target <target>`` prints (a C header or stack fragments)."""
        return self.call("export", target=target, plan=plan, **params)["text"]


if __name__ == "__main__":
    with Phyclass() as pc:
        r = pc.plan("teleop.haptic_feedback")
        print(r["phyClass"]["id"], "epsilon achieved", r["verdict"]["epsilonAchieved"])
