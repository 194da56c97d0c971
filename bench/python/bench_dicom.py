"""Reference timing of DICOM decode + preprocess with pydicom, numpy and Pillow.

Per file, as `pacscluster ingest` does it: read (pydicom.dcmread), decode the pixels (ds.pixel_array; pydicom
decodes every frame, the middle one is kept), modality LUT (rescale slope/intercept), MONOCHROME1 inverted, colour
to luminance, resize keeping the aspect ratio so the longer side is S (Pillow BILINEAR on a float image, which
antialiases when shrinking), min-max scale to [0, 1], centre on an S x S zero canvas.

--probe prints which of the listed files this stack can decode (and why not for the others) instead of timing.
With --threads T > 1 the files are split over T forked worker processes.
"""
import _common  # noqa: F401  (sets thread variables first)
import argparse
import json

import numpy as np

FILES = []
SIZE = 256


def preprocess(path):
    import pydicom
    from pydicom.pixel_data_handlers.util import apply_modality_lut, apply_color_lut, convert_color_space
    from PIL import Image
    ds = pydicom.dcmread(path)
    arr = ds.pixel_array
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    spp = int(getattr(ds, "SamplesPerPixel", 1) or 1)
    if frames > 1:
        arr = arr[frames // 2]
    pi = str(getattr(ds, "PhotometricInterpretation", "MONOCHROME2"))
    if pi == "PALETTE COLOR":
        arr = apply_color_lut(arr, ds)
        spp = 3
    elif spp == 3 and pi.startswith("YBR") and "JPEG" not in str(ds.file_meta.TransferSyntaxUID.name):
        arr = convert_color_space(arr, pi, "RGB")
    if spp == 3:
        arr = arr[..., 0] * 0.299 + arr[..., 1] * 0.587 + arr[..., 2] * 0.114
    else:
        arr = apply_modality_lut(arr, ds)
        if pi == "MONOCHROME1":
            arr = arr.max() + arr.min() - arr
    arr = np.asarray(arr, dtype=np.float32)
    rows, cols = arr.shape
    if cols >= rows:
        w, h = SIZE, max(1, round(rows * SIZE / cols))
    else:
        w, h = max(1, round(cols * SIZE / rows)), SIZE
    img = np.asarray(Image.fromarray(arr, mode="F").resize((w, h), Image.BILINEAR), dtype=np.float32)
    lo, hi = float(img.min()), float(img.max())
    out = np.zeros((SIZE, SIZE), dtype=np.float32)
    if hi - lo > 1e-5 * max(1.0, abs(hi), abs(lo)):
        top, left = (SIZE - h) // 2, (SIZE - w) // 2
        out[top:top + h, left:left + w] = (img - lo) / (hi - lo)
    return out


def run_range(bounds):
    start, end = bounds
    return np.stack([preprocess(FILES[i]) for i in range(start, end)])


def main():
    global FILES, SIZE
    p = argparse.ArgumentParser(description=__doc__)
    _common.add_common_args(p)
    p.add_argument("--files", required=True, help="text file, one DICOM path per line")
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--probe", action="store_true")
    a = p.parse_args()
    _common.require("pydicom", "python3-pydicom")
    _common.require("PIL.Image", "python3-pil")
    SIZE = a.size
    with open(a.files, encoding="utf-8") as f:
        FILES = [line.rstrip("\n") for line in f if line.strip()]
    if a.probe:
        import warnings
        warnings.simplefilter("ignore")
        ok, rejected = [], {}
        for path in FILES:
            try:
                preprocess(path)
                ok.append(path)
            except Exception as e:  # noqa: BLE001 - any failure means pydicom cannot do this file
                rejected[path] = f"{type(e).__name__}: {str(e).splitlines()[0][:120] if str(e) else ''}"
        print(json.dumps({"decodable": ok, "rejected": rejected}))
        return
    n = len(FILES)
    pool = _common.worker_pool(a.threads)
    ranges = _common.chunks(n, a.threads)

    def once():
        parts = pool.map(run_range, ranges) if pool else [run_range((0, n))]
        assert sum(len(x) for x in parts) == n

    try:
        times = _common.measure(once, a.warmup, a.repeats)
    finally:
        if pool:
            pool.close()
            pool.join()
    _common.report("dicom", n, times, size=SIZE, workers=a.threads)


if __name__ == "__main__":
    main()
