#!/usr/bin/python3
"""Writes the two small PALETTE COLOR test files with *segmented* lookup tables (PS3.3 C.7.9.2) that
core/src/test/resources/dicom-corpus/generated/ holds: no public file we may redistribute has them (the one real
ultrasound with a segmented palette in pydicom-data, gdcm-US-ALOKA-16, is kept out of the corpus on purpose, see
../shared/data/dicom/PROVENANCE.md).

Each table mixes discrete, linear and indirect segments; one file has 8-bit entries, the other 16-bit ones. The
segments are written by hand here; what they expand to is decided by pydicom (scripts/dicom_reference.py), never by
pacscluster. Indirect segments point at offset 0, where pydicom and GDCM (which count the offset in entries) and a
byte-counting reading of the standard agree.

Run with Debian's /usr/bin/python3 (pydicom 2.3.1, numpy): scripts/make_segmented_palette_files.py OUT_DIR
"""
import struct
import sys
from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

SC_IMAGE = "1.2.840.10008.5.1.4.1.1.7"  # Secondary Capture Image Storage


def words(*segments):
    """16-bit segmented LUT data (little endian): each segment is (opcode, length, values...)."""
    flat = [v for seg in segments for v in seg]
    return struct.pack("<%dH" % len(flat), *flat)


def palette_file(path, depth, first_mapped, red, green, blue, seed):
    rows, cols = 32, 48
    rng = np.random.default_rng(seed)
    # every index 0..255 appears (a ramp) plus random ones, so the whole table is used
    px = np.concatenate([np.arange(256), rng.integers(0, 256, rows * cols - 256)]).astype(np.uint8)

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SC_IMAGE
    meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[path.name])
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.SOPClassUID = SC_IMAGE
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.SeriesDescription = "segmented palette, %d-bit entries" % depth
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "PALETTE COLOR"
    ds.Rows, ds.Columns = rows, cols
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    for name in ("Red", "Green", "Blue"):
        setattr(ds, name + "PaletteColorLookupTableDescriptor", [256, first_mapped, depth])
    ds.SegmentedRedPaletteColorLookupTableData = red
    ds.SegmentedGreenPaletteColorLookupTableData = green
    ds.SegmentedBluePaletteColorLookupTableData = blue
    for tag in (0x00281221, 0x00281222, 0x00281223):
        ds[tag].VR = "OW"
    ds.PixelData = px.tobytes()
    ds.save_as(path, write_like_original=False)


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # 8-bit entries: pydicom reads 8-bit segmented data byte by byte (opcode, length, values), and an indirect
    # segment's 32-bit offset as four bytes.
    palette_file(out / "segmented_palette_8bit.dcm", 8, 16,
                 bytes([0, 3, 10, 20, 30,  1, 100, 250,  2, 2, 0, 0, 0, 0,  1, 50, 5]),        # 3+100+103+50
                 bytes([0, 1, 0,  1, 255, 255]),                                             # 1+255
                 bytes([0, 2, 255, 200,  1, 127, 33,  1, 127, 254]),                          # 2+127+127
                 seed=8)
    palette_file(out / "segmented_palette_16bit.dcm", 16, 0,
                 words((0, 3, 0, 1000, 2000), (1, 100, 65535), (2, 2, 0, 0), (1, 50, 7)),   # 3+100+103+50
                 words((0, 1, 0), (1, 255, 65535)),                                          # 1+255
                 words((0, 2, 65535, 60000), (1, 127, 333), (1, 127, 40000)),                # 2+127+127
                 seed=16)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "core/src/test/resources/dicom-corpus/generated")
