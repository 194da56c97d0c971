"""Reference timings of scikit-learn: PCA, k-means (Lloyd) and Barnes-Hut t-SNE on a float32 .npy matrix (n, d).

  pca:    PCA(n_components).fit(X).transform(X)       items = n images
  kmeans: KMeans(K, init='k-means++', n_init, algorithm='lloyd', max_iter, tol).fit(X)   items = 1 fit
  kmeans-lloyd: KMeans(init=<--init .npy>, n_init=1, algorithm='lloyd', tol=0, max_iter).fit(X)
          items = the Lloyd iterations it ran
  tsne:   TSNE(2, perplexity, n_iter, method='barnes_hut', angle, init, learning_rate).fit_transform(X)  items = 1 fit
Threads: OMP/OpenBLAS variables (set by _common before numpy loads) and threadpoolctl limit them to --threads.
"""
import _common  # noqa: F401  (sets thread variables first)
import argparse

import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__)
    _common.add_common_args(p)
    p.add_argument("--input", required=True)
    p.add_argument("--components", type=int, default=20)
    p.add_argument("--svd-solver", default="auto")
    p.add_argument("--k", type=int, default=25)
    p.add_argument("--n-init", type=int, default=20)
    p.add_argument("--max-iter", type=int, default=300)
    p.add_argument("--tol", type=float, default=1e-4)
    p.add_argument("--perplexity", type=float, default=30.0)
    p.add_argument("--iterations", type=int, default=1000)
    p.add_argument("--angle", type=float, default=0.5)
    p.add_argument("--init", default="pca", help="t-SNE init, or for kmeans-lloyd a .npy of initial centres")
    p.add_argument("--learning-rate", default="auto")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    _common.require("sklearn", "python3-sklearn")
    x = np.load(a.input)
    x = x.reshape(x.shape[0], -1)
    info = {"n": int(x.shape[0]), "d": int(x.shape[1])}
    runs = [0]

    if a.workload == "pca":
        from sklearn.decomposition import PCA

        def once():
            pca = PCA(n_components=a.components, svd_solver=a.svd_solver, random_state=a.seed)
            pca.fit(x)
            pca.transform(x)
            info["svd_solver_used"] = pca._fit_svd_solver
            info["explained_variance"] = float(np.sum(pca.explained_variance_ratio_))
        items = x.shape[0]
    elif a.workload == "kmeans":
        from sklearn.cluster import KMeans
        iters = []

        def once():
            km = KMeans(n_clusters=a.k, init="k-means++", n_init=a.n_init, algorithm="lloyd", max_iter=a.max_iter,
                        tol=a.tol, random_state=a.seed + runs[0])
            runs[0] += 1
            km.fit(x)
            iters.append(int(km.n_iter_))
            info["inertia"] = float(km.inertia_)
        info.update(k=a.k, n_init=a.n_init, best_run_iterations=iters)
        items = 1
    elif a.workload == "kmeans-lloyd":
        from sklearn.cluster import KMeans
        init = np.load(a.init)
        n_iter = []

        def once():
            km = KMeans(n_clusters=init.shape[0], init=init, n_init=1, algorithm="lloyd", max_iter=a.max_iter,
                        tol=0.0)
            km.fit(x)
            n_iter.append(int(km.n_iter_))
            info["inertia"] = float(km.inertia_)
        once()                      # the iteration count is the item count: learn it first (counts as warm-up)
        items = n_iter[0]
        info["iterations"] = n_iter
    elif a.workload == "tsne":
        from sklearn.manifold import TSNE
        lr = a.learning_rate if a.learning_rate == "auto" else float(a.learning_rate)

        def once():
            t = TSNE(n_components=2, perplexity=a.perplexity, n_iter=a.iterations, method="barnes_hut",
                     angle=a.angle, init=a.init, learning_rate=lr, random_state=a.seed, n_jobs=a.threads)
            t.fit_transform(x)
            info["kl_divergence"] = float(t.kl_divergence_)
        info.update(perplexity=a.perplexity, iterations=a.iterations, angle=a.angle, init=a.init,
                    learning_rate=a.learning_rate)
        items = 1
    else:
        p.error("workload must be pca, kmeans or tsne")
        return

    try:
        from threadpoolctl import threadpool_limits
        limiter = threadpool_limits(limits=a.threads)
    except ImportError:
        limiter = None
    try:
        times = _common.measure(once, a.warmup, a.repeats)
    finally:
        if limiter is not None:
            limiter.unregister() if hasattr(limiter, "unregister") else None
    _common.report(a.workload, items, times, **info)


if __name__ == "__main__":
    main()
