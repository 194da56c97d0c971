package org.pacscluster.dicom;

import java.nio.file.Path;

/**
 * What {@code pacscluster inspect} shows for one file: its kept tags, transfer syntax, frame count and the
 * statistics of its first frame, or why it cannot be used. Never throws: a bad file gives {@link #rejected}.
 *
 * @param tags      the kept tags, or null when the file is not DICOM at all
 * @param stats     first-frame statistics (grey: after rescale, MONOCHROME1 not inverted; colour and palette:
 *                  raw samples), or null when rejected
 * @param rejected  the reason the file cannot be used, or null
 */
public record DicomInspection(DicomTags tags, String transferSyntaxUid, String transferSyntaxName, Integer frames,
                              String photometric, PixelStats stats, String rejected) {

    public static DicomInspection of(Path file) {
        try {
            return of(DicomReader.source(file));
        } catch (DicomRejectedException e) {
            return new DicomInspection(null, null, null, null, null, null, e.reason());
        }
    }

    public static DicomInspection of(byte[] bytes) { return of(ByteSource.of(bytes)); }

    static DicomInspection of(ByteSource source) {
        DicomHeader h;
        try {
            h = DicomReader.parseHeader(source);
        } catch (DicomRejectedException e) {
            return new DicomInspection(null, null, null, null, null, null, e.reason());
        }
        String tsUid = h.transferSyntaxUid.isEmpty() ? null : h.transferSyntaxUid;
        String tsName = h.syntax != null ? h.syntax.name() : null;
        String photometric = h.photometric.isEmpty() ? null : h.photometric;
        Integer frames = h.hasPixelData() ? PixelModule.parseFrames(h.numberOfFrames) : null;
        try {
            DicomFile f = DicomReader.open(h);
            PixelStats stats = f.stats(0);
            return new DicomInspection(h.tags(), f.transferSyntaxUid(), tsName, f.frameCount(), photometric, stats, null);
        } catch (DicomRejectedException e) {
            return new DicomInspection(h.tags(), tsUid, tsName, frames, photometric, null, e.reason());
        } catch (RuntimeException e) {
            return new DicomInspection(h.tags(), tsUid, tsName, frames, photometric, null,
                    "cannot decode: " + DicomFile.message(e));
        }
    }

    /** Whether the statistics are of raw colour samples (RGB/YBR/palette indices) rather than grey levels. */
    public boolean rawColourSamples() {
        return photometric != null && !photometric.startsWith("MONOCHROME");
    }
}
