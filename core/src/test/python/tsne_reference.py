#!/usr/bin/python3
"""Reference numbers for our t-SNE: scikit-learn's Barnes-Hut TSNE on the first N MNIST test digits.

Writes the JSON that TsneMnistTest compares with (ours must reach sklearn's trustworthiness - 0.02).
Run from the repository root (takes a few minutes on 2 cores):

    /usr/bin/python3 core/src/test/python/tsne_reference.py ../shared/data/mnist \
        > core/src/test/resources/org/pacscluster/tsne/tsne_sklearn_mnist.json

Data: pixels / 255 as float64, 784 features, no PCA (scikit-learn as users call it); a second run with PCA to 50
components first (what our t-SNE does by default) is recorded for comparison.
"""
import gzip
import json
import platform
import sys
import time

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness
from sklearn.neighbors import KNeighborsClassifier
from sklearn.model_selection import cross_val_score, LeaveOneOut


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def knn_loo_accuracy(y2, labels, k=10):
    # leave-one-out kNN: ask for k+1 neighbours and drop the point itself
    from sklearn.neighbors import NearestNeighbors
    nn = NearestNeighbors(n_neighbors=k + 1).fit(y2)
    idx = nn.kneighbors(y2, return_distance=False)[:, 1:]
    correct = 0
    for i in range(len(labels)):
        votes = np.bincount(labels[idx[i]], minlength=10)
        best = labels[idx[i][0]]
        for j in idx[i]:
            if votes[labels[j]] > votes[best]:
                best = labels[j]
        correct += best == labels[i]
    return correct / len(labels)


def run(x, labels, seed, pca):
    xin = PCA(n_components=50, random_state=seed).fit_transform(x) if pca else x
    t0 = time.time()
    tsne = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=seed,
                method="barnes_hut", angle=0.5)
    y = tsne.fit_transform(xin)
    seconds = time.time() - t0
    return {
        "seed": seed, "pca50_first": pca, "seconds": round(seconds, 2),
        "kl_divergence": float(tsne.kl_divergence_), "n_iter": int(tsne.n_iter_),
        "trustworthiness_k5": float(trustworthiness(x, y, n_neighbors=5)),
        "trustworthiness_k10": float(trustworthiness(x, y, n_neighbors=10)),
        "knn10_loo_accuracy": float(knn_loo_accuracy(y, labels, 10)),
    }


def main():
    root = sys.argv[1]
    images = read_idx(root + "/t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float64) / 255.0
    labels = read_idx(root + "/t10k-labels-idx1-ubyte.gz").astype(np.int64)
    import os
    out = {"sklearn": sklearn.__version__, "cpus": os.cpu_count(), "python": platform.python_version(),
           "data": "MNIST t10k, first n images, pixels/255, 784 features",
           "command": "/usr/bin/python3 src/test/python/tsne_reference.py ../shared/data/mnist", "runs": {}}
    # an independent check of our trustworthiness: a fixed linear map of the first 1000 digits,
    # W[j] = (sin(j + 1), cos(j + 1)), so both sides compute the same map without sharing code
    x = images[:1000]
    j = np.arange(784) + 1.0
    y = x @ np.stack([np.sin(j), np.cos(j)], axis=1)
    out["trustworthiness_check"] = {"n": 1000, "map": "X @ [sin(j+1), cos(j+1)], j = 0..783",
                                    "k5": float(trustworthiness(x, y, n_neighbors=5)),
                                    "k10": float(trustworthiness(x, y, n_neighbors=10))}
    for n, seeds in ((2000, (0, 1, 2)), (8000, (0,))):
        x, lab = images[:n], labels[:n]
        rows = [run(x, lab, s, False) for s in seeds] + [run(x, lab, seeds[0], True)]
        out["runs"][str(n)] = rows
        print(json.dumps(rows), file=sys.stderr)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
