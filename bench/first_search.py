"""The first searches after a restart with a large enterprise register: what a user waits for once a server is up.

A data directory with the bundled plan and a register of `--rows` rows (bench/register.py's honest rows) imported
by the CLI; then, in a fresh process as a restart is: the service made ready as the server does
(`PolicyService.warm`), a plain search, a policy question (it needs the chain analysis, made in the background
since start-up), a chain-gap question, and the plain search again.

    .venv/bin/python bench/first_search.py [--rows 10000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

QUESTIONS = [("plain", "推进产业发展"), ("policy", "企业贷款有什么支持政策"), ("chain_gaps", "先进陶瓷产业链缺哪些环节"),
             ("plain_again", "推进产业发展")]
RESTART = """
import json, sys, time
from pathlib import Path
from api.service import PolicyService
from api.settings import Settings
started = time.perf_counter()
svc = PolicyService(Settings(data_dir=Path(sys.argv[1])))
svc.warm()
out = {"ready_s": round(time.perf_counter() - started, 3)}
for name, q in json.loads(sys.argv[2]):
    t = time.perf_counter()
    svc.search(q)
    out[name + "_s"] = round(time.perf_counter() - t, 3)
print(json.dumps(out))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3, help="restarts measured")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "first-search.json")
    args = ap.parse_args(argv)
    from datadirs import ingest_apart
    from register import as_file, rows

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        ingest_apart(data, ROOT / "corpus")
        name, payload = as_file(rows(args.rows), "csv")
        (Path(tmp) / name).write_bytes(payload)
        subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), "enterprises", "import", str(Path(tmp) / name)],
                       cwd=ROOT, check=True, capture_output=True)
        runs = [json.loads(subprocess.run([sys.executable, "-c", RESTART, str(data), json.dumps(QUESTIONS)], cwd=ROOT,
                                          check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
                for _ in range(args.repeat)]
    result = {"register_rows": args.rows, "restarts": runs}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
