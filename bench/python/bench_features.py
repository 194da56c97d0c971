"""Reference timings of the fixed descriptors with scikit-image: HOG and LBP over a stack of images.

Input: a float32 .npy of shape (n, S, S) with values in [0, 1], written by `pacscluster bench`.
Per image, as pacscluster's embedders do it:
  hog: skimage.feature.hog(orientations=9, pixels_per_cell=(8, 8), cells_per_block=(2, 2), block_norm='L2-Hys')
  lbp: skimage.feature.local_binary_pattern(P=8, R=1, method) then a histogram of codes per 16x16-pixel cell,
       concatenated (normalised to sum 1 per cell when --lbp-normalise).
With --threads T > 1 the images are split over T forked worker processes (scikit-image itself is single-threaded).
"""
import _common  # noqa: F401  (sets thread variables first)
import argparse

import numpy as np

IMAGES = None
ARGS = None


def hog_one(img):
    from skimage.feature import hog
    return hog(img, orientations=9, pixels_per_cell=(8, 8), cells_per_block=(2, 2), block_norm="L2-Hys",
               feature_vector=True)


def lbp_one(img):
    from skimage.feature import local_binary_pattern
    codes = local_binary_pattern(img, 8, 1, method=ARGS.lbp_method)
    bins = 256 if ARGS.lbp_method == "default" else 10
    cell = ARGS.lbp_cell
    h, w = img.shape
    ch, cw = h // cell, w // cell
    c = codes[:ch * cell, :cw * cell].astype(np.intp).reshape(ch, cell, cw, cell).transpose(0, 2, 1, 3)
    c = c.reshape(ch * cw, cell * cell) + (np.arange(ch * cw, dtype=np.intp) * bins)[:, None]
    hist = np.bincount(c.ravel(), minlength=ch * cw * bins).reshape(ch * cw, bins).astype(np.float64)
    if ARGS.lbp_normalise:
        hist /= cell * cell
    return hist.ravel()


def run_range(bounds):
    fn = hog_one if ARGS.workload == "hog" else lbp_one
    start, end = bounds
    return np.stack([fn(IMAGES[i]) for i in range(start, end)])


def main():
    global IMAGES, ARGS
    p = argparse.ArgumentParser(description=__doc__)
    _common.add_common_args(p)
    p.add_argument("--input", required=True)
    p.add_argument("--lbp-method", default="default", choices=["default", "uniform", "ror", "nri_uniform"])
    p.add_argument("--lbp-cell", type=int, default=16)
    p.add_argument("--lbp-normalise", action="store_true")
    ARGS = p.parse_args()
    if ARGS.workload not in ("hog", "lbp"):
        p.error("workload must be hog or lbp")
    _common.require("skimage.feature", "python3-skimage")
    IMAGES = np.load(ARGS.input).astype(np.float64)   # skimage works in float64 either way; converted once, untimed
    n = IMAGES.shape[0]
    pool = _common.worker_pool(ARGS.threads)
    ranges = _common.chunks(n, ARGS.threads)
    dims = []

    def once():
        parts = pool.map(run_range, ranges) if pool else [run_range((0, n))]
        feats = np.concatenate(parts)
        dims.append(feats.shape[1])

    try:
        times = _common.measure(once, ARGS.warmup, ARGS.repeats)
    finally:
        if pool:
            pool.close()
            pool.join()
    _common.report(ARGS.workload, n, times, feature_length=dims[-1], image_side=int(IMAGES.shape[1]),
                   workers=ARGS.threads, lbp_method=ARGS.lbp_method if ARGS.workload == "lbp" else None)


if __name__ == "__main__":
    main()
