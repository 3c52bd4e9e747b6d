"""One preview update after a one-row edit, in this process, timed by stage: a quick look at preview's own work
without the 1,000-report build bench/preview.py starts from.

The project folder is a bench working folder (bench/generate.py's inputs, a config naming one grant in `grants:`
so that its first update renders only that grant's reports; the extraction still reads, converts and checks every
grant). A warm Session updates once, then after each edit (bench/generate.py --edit N rewrites activities.xlsx,
one row of one grant changed): the seconds from the start of the update to the PDF written (Update.seconds; the
watcher's look and check of the saved file, about 0.12 s for a whole workbook, not counted), and the extraction,
the report's preparation and its PDF within it.

Run:  .venv/bin/python bench/preview_update.py <project folder> [--grants 1000 --activities 100000] [--edits 3] [--repo <checkout>]
(--repo: the code to time, e.g. a worktree of an earlier commit, to compare two commits on one machine.)
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--grants", type=int, default=1000, help="as the folder's inputs were generated")
    parser.add_argument("--activities", type=int, default=100000, help="as the folder's inputs were generated")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=BENCH.parent)
    args = parser.parse_args()
    sys.path[:0] = [str(args.repo.resolve()), str(BENCH)]
    from generate import generate

    from grantreports.preview import session
    from grantreports.render import report

    stages: dict[str, list[float]] = {}
    for module, name in ((session, "extract"), (report, "prepare"), (report, "render_pdf")):
        setattr(module, name, _timed(getattr(module, name), stages.setdefault(name, [])))
    project = args.project.resolve()
    warm = session.Session(project)
    warm.update()
    for times in stages.values():
        times.clear()
    seconds = []
    for edit in range(1, args.edits + 1):
        generate(project / "inputs", args.grants, args.activities, edit=edit)
        seconds.append(round(warm.update().seconds, 2))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"repo": str(args.repo), "to_pdf_s": seconds, "stages_s": stages, "peak_mb": round(peak)}))


def _timed(function, times: list[float]):
    def timed(*args, **kwargs):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        times.append(round(time.perf_counter() - started, 2))
        return result

    return timed


if __name__ == "__main__":
    main()
