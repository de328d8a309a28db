#!/usr/bin/env python3
"""Runs a JSON Lines batch through duechain on Apache Spark and checks it against a direct run.

duechain's batch contract -- JSON Lines in, one record per line out, in order, no state across
cases -- lets Spark's RDD.pipe run the unchanged binary on every partition:

    spark.sparkContext.textFile(cases).pipe("duechain eval RULEBOOK - --format jsonl")

This script does that in local mode (pyspark from PyPI, a Java runtime), runs the same batch
directly, and exits 1 unless both give the same records in the same order. An error record's
`line` counts lines of its own input, so under Spark it is the line within the partition; it is
left out of the comparison.

    python3 examples/spark/compare.py --bin target/release/duechain \
        --rulebook rules/major_decision.dcl --cases examples/major_decision.jsonl --partitions 3
"""

import argparse
import json
import os
import shlex
import subprocess
import sys


def records(lines):
    """The records without the fields that depend on where a line was read."""
    out = []
    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        record.pop("line", None)
        out.append(record)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True, help="the duechain binary")
    parser.add_argument("--rulebook", required=True)
    parser.add_argument("--cases", required=True, help="a JSON Lines batch")
    parser.add_argument("--partitions", type=int, default=3)
    parser.add_argument("--as-of", default="2024-12-31", help="the day open matters are judged as of")
    args = parser.parse_args()

    binary = os.path.abspath(args.bin)
    rulebook = os.path.abspath(args.rulebook)
    command = [binary, "eval", rulebook, "-", "--format", "jsonl", "--as-of", args.as_of,
               "--root", os.path.dirname(rulebook)]
    direct = subprocess.run(command[:3] + [os.path.abspath(args.cases)] + command[4:],
                            capture_output=True, text=True, check=False)
    if direct.returncode not in (0, 1, 2):
        sys.exit(f"duechain failed: {direct.stderr}")

    from pyspark.sql import SparkSession  # imported late: --help works without Spark

    spark = (SparkSession.builder.master(f"local[{max(1, args.partitions)}]")
             .appName("duechain-pipe").config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        lines = spark.sparkContext.textFile(os.path.abspath(args.cases), args.partitions)
        piped = lines.pipe(" ".join(shlex.quote(c) for c in command)).collect()
        partitions = lines.getNumPartitions()
    finally:
        spark.stop()

    want, got = records(direct.stdout.splitlines()), records(piped)
    if want != got:
        for i, (a, b) in enumerate(zip(want, got)):
            if a != b:
                print(f"record {i} differs:\n  direct: {json.dumps(a)[:300]}\n  spark:  {json.dumps(b)[:300]}")
                break
        sys.exit(f"different records: {len(want)} direct, {len(got)} through Spark")
    print(f"{len(got)} records through {partitions} Spark partitions match the direct run")


if __name__ == "__main__":
    main()
