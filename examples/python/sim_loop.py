"""A Python simulation loop driving phyclass through one ``phyclass serve`` process.

A toy link-level loop: a UE's mean SNR drifts (a random walk in dB); at every step the loop asks
phyclass for the transport-block error rate of the current MCS (``bler``) and, whenever the SNR
moved by more than a dB since the last plan, re-plans the service's PHY class (``plan``). Thousands
of calls cost milliseconds each because the server stays warm.

    npm run build                        # once, so dist/bundle/phyclass.js exists
    python3 examples/python/sim_loop.py --steps 5000
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))
from phyclass_client import Phyclass  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--steps", type=int, default=5000)
    ap.add_argument("--service", default="teleop.haptic_feedback")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    snr_db, last_plan_snr = 15.0, None
    mcs, tbs_bits = 10, 1000
    errors = plans = 0
    t0 = time.perf_counter()
    with Phyclass() as pc:
        for _ in range(args.steps):
            snr_db = min(30.0, max(0.0, snr_db + rng.gauss(0.0, 0.3)))
            if last_plan_snr is None or abs(snr_db - last_plan_snr) > 1.0:
                r = pc.plan(args.service, link={"snrDb": round(snr_db, 2)}, relaxations=False)
                plans += 1
                last_plan_snr = snr_db
                if r["feasible"]:
                    mcs, tbs_bits = r["phyClass"]["mcs"], r["phyClass"]["tbsBits"]
            bler = pc.bler(mcs=mcs, tbsBits=tbs_bits, snrDb=round(snr_db, 2))["bler"]
            if rng.random() < bler:
                errors += 1
    dt = time.perf_counter() - t0
    calls = args.steps + plans
    print(f"{args.steps} steps, {plans} plans, {errors} block errors; {calls} calls in {dt:.2f} s ({1000 * dt / calls:.2f} ms per call)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
