#!/usr/bin/env python3
"""Write core/src/test/resources/org/pacscluster/cluster/kmeans_float32.json: scikit-learn's Lloyd k-means on float32
data from given initial centres, the float32 reference of KMeansFloat32Test.

scikit-learn computes float32 input in float32 (distances with BLAS sgemm, centre sums, means and inertia in
float32), so these are the numbers the float32 path of cluster.KMeans must reproduce: the same labels and iteration
count, centres and inertia to float32 rounding. Data: seeded overlapping Gaussian blobs (points near the cluster
boundaries, so labels are a real test) on a 1/32 grid (exact float32 values). One thread (OpenMP and BLAS), so that scikit-learn's own
float32 sums are in row order and the file does not depend on the machine's core count.

    /usr/bin/python3 scripts/kmeans_float32_reference.py > core/src/test/resources/org/pacscluster/cluster/kmeans_float32.json
"""
import json
import platform
import sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_info, threadpool_limits

SEED = 20240612
CASES = [  # (n, d, k, blob spread): spread relative to the distance between blob centres; n = 260 and 400 span
    (300, 8, 5, 1.2),   # two of the Java side's 256-row blocks
    (400, 16, 25, 1.5),
    (260, 100, 10, 2.5),
]


def case(rng, n, d, k, spread):
    centres = rng.normal(size=(k, d)) * 3
    x = centres[rng.integers(0, k, size=n)] + rng.normal(size=(n, d)) * 3 * spread
    # not centred (norms matter in ||x||^2 - 2 x.c + ||c||^2); multiples of 1/32, exact in float32 and short in JSON
    x = (np.round((x * 0.37 + 1.5) * 32) / 32).astype(np.float32)
    init = x[rng.choice(n, size=k, replace=False)].copy()
    km = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd", tol=0, max_iter=300).fit(x)
    assert km.cluster_centers_.dtype == np.float32, km.cluster_centers_.dtype
    f = lambda a: [[float(v) for v in row] for row in a]   # float32 values, printed exactly as doubles
    return {"n": n, "d": d, "k": k, "x": f(x), "init": f(init), "labels": km.labels_.tolist(),
            "centers": f(km.cluster_centers_), "inertia": float(km.inertia_), "n_iter": int(km.n_iter_)}


def main():
    rng = np.random.default_rng(SEED)
    with threadpool_limits(limits=1):
        cases = [case(rng, *c) for c in CASES]
        blas = [f"{i['internal_api']} {i['version']}" for i in threadpool_info() if i["user_api"] == "blas"]
    json.dump({"generator": "scripts/kmeans_float32_reference.py: KMeans(init=given, n_init=1, algorithm='lloyd',"
                            " tol=0, max_iter=300) on float32 data, one thread",
               "sklearn": sklearn.__version__, "numpy": np.__version__, "python": platform.python_version(),
               "blas": blas, "seed": SEED, "cases": cases}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
