"""Command line: write the sample district (with its pedestrian network) or the benchmark scene into a folder.

Run as: python -m urban_twin.analyses.make_sample sample|benchmark FOLDER (`make sample` does it for the sample).
"""
from __future__ import annotations

import argparse
import os

from .synthetic import BENCHMARK, SAMPLE, write_dataset
from .synthetic_walknet import write_sample_network


def main(argv: list[str] | None = None) -> None:
    """Command line: write the sample district or the benchmark scene into a folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("which", choices=["sample", "benchmark"])
    parser.add_argument("folder")
    args = parser.parse_args(argv)
    scene = write_dataset(SAMPLE if args.which == "sample" else BENCHMARK, args.folder)
    if args.which == "sample":
        write_sample_network(scene, os.path.join(args.folder, "barrierfree"))
    print(f"wrote {len(scene.boxes)} buildings to {args.folder}")


if __name__ == "__main__":
    main()
