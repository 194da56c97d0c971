#!/usr/bin/python3
"""Reference values for DicomConformanceTest, computed by peers and never by pacscluster.

For every file under ROOT: the tags pacscluster keeps and, for the first frame, shape / min / max / mean / std as
pydicom 2.3.1 gives them (grey images after the modality LUT -- the Modality LUT Sequence or Rescale
Slope/Intercept, via apply_modality_lut; MONOCHROME1 not inverted; colour and palette images as raw samples).
Files pydicom cannot decode (e.g. JPEG Lossless: pydicom 2.3 needs a plug-in Debian does not ship) are first
decompressed by GDCM (`gdcmconv --raw`, Debian libgdcm-tools) and then read by pydicom: "reference" says which.
PALETTE COLOR images also get "palette_grey": statistics of 0.299 R + 0.587 G + 0.114 B after pydicom's
apply_color_lut (segmented tables included), in the table's own units.
With --samples FILE (repeatable), frame 0 of that file as pydicom decodes it is also written, gzipped, to
samples/FILE.gz (little-endian samples, pixel by pixel) so that a lossy decode can be compared sample by sample.
With --palettes DIR, the red/green/blue tables of pydicom's well-known palettes (PS3.6 Annex B; four of them are
segmented) are added as pydicom expands them.

Run with Debian's /usr/bin/python3 (python3-pydicom, python3-numpy, libgdcm-tools):
  scripts/dicom_reference.py core/src/test/resources/dicom-corpus \
      --palettes /usr/lib/python3/dist-packages/pydicom/data/palettes --samples pydicom-data/US1_J2KI.dcm \
      > core/src/test/resources/dicom-corpus/reference.json
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_color_lut, apply_modality_lut

TAGS = ["SOPInstanceUID", "Modality", "BodyPartExamined", "StudyDescription", "SeriesDescription",
        "PhotometricInterpretation", "Rows", "Columns", "NumberOfFrames", "BitsStored", "PixelRepresentation",
        "RescaleSlope", "RescaleIntercept", "SamplesPerPixel"]
NOT_DICOM = {"reference.json", "PROVENANCE.md"}


def stats(a):
    a = a.astype(np.float64)
    return {"min": float(a.min()), "max": float(a.max()), "mean": float(a.mean()), "std": float(a.std())}


def first_frame(ds, arr):
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    return arr[0] if frames > 1 else arr


def within_bits_stored(ds, arr):
    """arr reduced to its Bits Stored (sign-extended when signed), or None when that changes nothing."""
    bs, ba = int(ds.get("BitsStored", 0) or 0), int(ds.get("BitsAllocated", 0) or 0)
    if not 0 < bs < ba or arr.dtype.kind not in "iu":
        return None
    v = arr.astype(np.int64) & ((1 << bs) - 1)
    if int(ds.get("PixelRepresentation", 0) or 0) == 1:
        v = (v ^ (1 << (bs - 1))) - (1 << (bs - 1))
    return None if np.array_equal(v, arr) else v.astype(arr.dtype)


def pixels(ds):
    """Statistics of frame 0 as pydicom gives it, plus the palette's luminance for PALETTE COLOR."""
    arr = first_frame(ds, ds.pixel_array)
    pi = str(ds.get("PhotometricInterpretation", ""))
    out = {"frame": 0, "shape": list(arr.shape)}
    if pi.startswith("MONOCHROME"):
        out.update(stats(apply_modality_lut(arr, ds)))
        out["note"] = "stored values after Modality LUT / rescale; MONOCHROME1 NOT inverted"
        masked = within_bits_stored(ds, arr)
        if masked is not None:
            # pydicom 2.3 keeps native words whole; PS3.5 8.1.1 says bits above Bits Stored are not part of the
            # value. Where that changes a value, the masked result is pydicom's LUT applied to the masked values.
            out["masked"] = stats(apply_modality_lut(masked, ds))
    else:
        out.update(stats(arr))
        out["note"] = "raw samples as decoded (colour/palette: no conversion)"
    if pi == "PALETTE COLOR":
        rgb = apply_color_lut(arr, ds).astype(np.float64)
        out["palette_grey"] = stats(0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2])
    return out


def via_gdcm(path):
    """pydicom's reading of GDCM's uncompressed copy of the file."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw.dcm")
        subprocess.run(["gdcmconv", "--raw", str(path), raw], check=True, capture_output=True, timeout=300)
        return pixels(pydicom.dcmread(raw))


def entry(root, path):
    rel = path.relative_to(root).as_posix()
    try:
        ds = pydicom.dcmread(str(path))
    except Exception as e:
        return {"file": rel, "error": "not readable as DICOM: " + type(e).__name__}
    e = {"file": rel}
    for t in TAGS:
        v = ds.get(t)
        e[t] = None if v is None or v == "" else str(v)
    e["PixelDataElement"] = next((k for k in ("PixelData", "FloatPixelData", "DoubleFloatPixelData") if k in ds), None)
    e["TransferSyntaxUID"] = str(ds.file_meta.get("TransferSyntaxUID", "")) if hasattr(ds, "file_meta") else ""
    if "PixelData" not in ds and "FloatPixelData" not in ds and "DoubleFloatPixelData" not in ds:
        e["pixels"] = None
        return e
    try:
        e["pixels"] = pixels(ds)
        e["reference"] = "pydicom"
    except Exception as first:
        try:
            e["pixels"] = via_gdcm(path)
            e["reference"] = "gdcm"
            e["pydicom_error"] = type(first).__name__ + ": " + str(first).splitlines()[0][:160]
        except Exception as second:
            e["pixels"] = {"error": "pydicom: %s; gdcm: %s" % (type(first).__name__, type(second).__name__)}
            e["reference"] = None
    return e


def write_samples(root, rel):
    ds = pydicom.dcmread(str(root / rel))
    arr = first_frame(ds, ds.pixel_array)
    out = root / "samples" / (rel + ".gz")
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as f:  # mtime 0: the same input gives the same bytes
        f.write(arr.astype(arr.dtype.newbyteorder("<")).tobytes())
    return {"path": out.relative_to(root).as_posix(), "dtype": arr.dtype.str, "shape": list(arr.shape)}


def palettes(folder):
    out = {}
    for p in sorted(Path(folder).glob("*.dcm")):
        ds = pydicom.dcmread(str(p))
        lut = apply_color_lut(np.arange(256, dtype=np.uint8), ds)  # every index once: the expanded tables
        out["palettes/" + p.name] = {"segmented": "SegmentedRedPaletteColorLookupTableData" in ds,
                                     "red": lut[:, 0].tolist(), "green": lut[:, 1].tolist(),
                                     "blue": lut[:, 2].tolist()}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root")
    ap.add_argument("--palettes", help="pydicom's data/palettes folder")
    ap.add_argument("--samples", action="append", default=[], help="a file (relative to root) whose samples to keep")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    root = Path(args.root)
    files = sorted(p for p in root.rglob("*")
                   if p.is_file() and p.name not in NOT_DICOM and p.relative_to(root).parts[0] != "samples")
    gdcm = subprocess.run(["gdcmconv", "--version"], capture_output=True, text=True).stdout.strip()
    doc = {"generator": "scripts/dicom_reference.py: pydicom %s + numpy %s; files pydicom cannot decode: %s "
                        "(gdcmconv --raw), then pydicom" % (pydicom.__version__, np.__version__, gdcm),
           "files": [entry(root, p) for p in files]}
    for e in doc["files"]:
        if e["file"] in args.samples:
            e["pixels"]["samples"] = write_samples(root, e["file"])
    if args.palettes:
        doc["palettes"] = palettes(args.palettes)
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
