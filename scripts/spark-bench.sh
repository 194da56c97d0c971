#!/usr/bin/env bash
# Scaling of predict on Spark (docs/spark.md): rows/s at 64² and 256² for local[1], local[2] and the single-JVM
# command on the same dataset folder, with each run's peak RSS (in local mode the driver JVM is the executor).
# A benchmark, not a test: run it on a quiet machine.  Usage: scripts/spark-bench.sh [WORK] [IMAGES_64] [IMAGES_256]
# Wall times are whole commands (JVM start, and for Spark the session start, ~4 s, included), as a user sees them;
# "job s" is the Spark job alone as the command reports it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$here/work/spark-bench}"
n64="${2:-6000}"
n256="${3:-600}"
shared="$here/../shared/data"
tool="$here/pacscluster"
mkdir -p "$work"
subset() {  # subset N ZIP LABELS: the first N/6 images of each MedNIST class
  python3 - "$shared/mednist/MedNIST_jpeg.zip" "$shared/mednist/labels.csv" "$2" "$3" "$(( ($1 + 5) / 6 ))" <<'PY'
import csv, sys, zipfile, collections
src, labels, zout, lout, per = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
seen, keep = collections.Counter(), set()
with zipfile.ZipFile(src) as z, zipfile.ZipFile(zout, "w") as o:
    for name in z.namelist():
        c = name.split("/")[0]
        if name.endswith(".jpeg") and seen[c] < per:
            seen[c] += 1; keep.add(name); o.writestr(name, z.read(name))
with open(labels) as f, open(lout, "w", newline="") as g:
    r, w = csv.reader(f), csv.writer(g)
    h = next(r); w.writerow(h); i = h.index("file")
    for row in r:
        if row[i] in keep: w.writerow(row)
PY
}
rss() { awk '/Maximum resident/ {printf "%.0f", $6/1024}' "$1"; }
echo "| size | run | images | wall s | job s | rows/s (wall) | peak RSS MB |"
echo "|---|---|---|---|---|---|---|"
for size in 64 256; do
  n=$([[ $size == 64 ]] && echo "$n64" || echo "$n256")
  ds="$work/ds-$size"; model="$work/model-$size"
  [[ -f "$work/subset-$size.zip" ]] || subset "$n" "$work/subset-$size.zip" "$work/labels-$size.csv"
  [[ -f "$ds/dataset.json" ]] || "$tool" ingest "$work/subset-$size.zip" --labels "$work/labels-$size.csv" \
      --size "$size" --out "$ds" >/dev/null
  [[ -f "$model/model.json" ]] || "$tool" train --dataset "$ds" --method cae --k 6 --epochs 1 --kmeans-init 2 \
      --threads 2 --device cpu --train-limit 300 --out "$model" >/dev/null 2>&1
  images=$(($(wc -l < "$ds/index.csv") - 1))
  for run in single-1 single-2 local1 local2; do
    rm -rf "$work/out-$size-$run" "$work/out-$size-$run.csv"
    case $run in
      single-*) cmd=("$tool" predict --model "$model" "$ds" --threads "${run#single-}" --device cpu --out "$work/out-$size-$run.csv") ;;
      local*)   cmd=("$tool" spark predict --master "local[${run#local}]" --model "$model" "$ds" --device cpu \
                     --partitions "$(( ${run#local} * 4 ))" --out "$work/out-$size-$run") ;;
    esac
    start=$(date +%s.%N)
    /usr/bin/time -v "${cmd[@]}" >"$work/stdout-$size-$run.txt" 2>"$work/time-$size-$run.txt"
    end=$(date +%s.%N)
    job=$(grep -o 'rows in [0-9.]* s' "$work/stdout-$size-$run.txt" | awk '{print $3}' || true)
    awk -v s="$size" -v r="$run" -v n="$images" -v a="$start" -v b="$end" -v j="${job:--}" -v m="$(rss "$work/time-$size-$run.txt")" \
      'BEGIN { t = b - a; printf "| %d² | %s | %d | %.1f | %s | %.1f | %s |\n", s, r, n, t, j, n / t, m }'
  done
done
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
