#!/usr/bin/python3
"""Checks the tag audit against known errors: corrupt the region tag of a share of MedNIST's test images, then
score an audit of them.

  /usr/bin/python3 scripts/audit_corruption.py corrupt DATASET/index.csv LABELS.csv OUT_LABELS.csv OUT_IDS.txt [share] [seed]
  /usr/bin/python3 scripts/audit_corruption.py score AUDIT.csv IDS.txt

DATASET is a dataset ingested from the clean labels with the same --seed/--test-fraction as the corrupted one will
be (the split depends only on ids and seed, so both have the same test images).
"""
import csv
import random
import sys


def corrupt(index_csv, labels_csv, out_labels, out_ids, share=0.02, seed=2026):
    test = [r["id"] for r in csv.DictReader(open(index_csv)) if r["split"] == "test"]
    rows = list(csv.DictReader(open(labels_csv)))
    regions = sorted({r["region"] for r in rows})
    rng = random.Random(seed)
    pick = set(rng.sample(test, round(share * len(test))))
    with open(out_labels, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        for r in rows:
            if r["file"] in pick:
                r = dict(r)
                r["region"] = rng.choice([x for x in regions if x != r["region"]])
            w.writerow(r)
    open(out_ids, "w").write("\n".join(sorted(pick)) + "\n")
    print(f"{len(pick)} of {len(test)} test images get a wrong region")


def score(audit_csv, ids_txt):
    bad = set(open(ids_txt).read().split())
    region = [r for r in csv.DictReader(open(audit_csv)) if r["tag"] == "region"]
    n = len(bad)
    for top in (n, 2 * n, 5 * n):
        hits = sum(r["id"] in bad for r in region[:top])
        shown = min(top, len(region))
        print(f"top {top:5d} region findings: {hits:4d} corrupted  precision {hits / max(1, shown):.3f}  recall {hits / n:.3f}")
    found = sum(r["id"] in bad for r in region)
    print(f"all {len(region)} region findings: {found} of {n} corrupted  recall {found / n:.3f}")


if __name__ == "__main__":
    if sys.argv[1] == "corrupt":
        a = sys.argv[2:]
        corrupt(a[0], a[1], a[2], a[3], float(a[4]) if len(a) > 4 else 0.02, int(a[5]) if len(a) > 5 else 2026)
    elif sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
