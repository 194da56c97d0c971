package org.pacscluster.source;

import org.pacscluster.dicom.DicomImage;
import org.pacscluster.dicom.DicomRejectedException;
import org.pacscluster.dicom.DicomTags;
import org.pacscluster.dicom.MissingLabel;
import org.pacscluster.dicom.RegionVocabulary;

/**
 * Turns a parsed DICOM image into a dataset image: the chosen frame with MONOCHROME1 inverted, MOD from the Modality
 * tag and AR through the region vocabulary. Shared by every DICOM source (folders, PACS) so they label alike.
 */
public final class DicomLoading {
    private final RegionVocabulary vocabulary;
    private final FrameChoice frame;

    public DicomLoading(RegionVocabulary vocabulary, FrameChoice frame) {
        this.vocabulary = vocabulary;
        this.frame = frame;
    }

    public LoadedImage toLoaded(DicomImage img, String source) throws RejectedImageException {
        DicomTags t = img.tags();
        if (t.sopInstanceUid().isEmpty()) throw new RejectedImageException("no SOPInstanceUID");
        if (img.rows() <= 0 || img.columns() <= 0) {
            throw new RejectedImageException("empty image (" + img.rows() + "x" + img.columns() + ")");
        }
        if (img.frameCount() <= 0) throw new RejectedImageException("no frames");
        float[] px;
        try {
            px = img.frame(frame.index(img.frameCount()), true);
        } catch (DicomRejectedException e) {
            throw new RejectedImageException(e.reason(), e);
        }
        String modality = t.modality().isEmpty() ? MissingLabel.UNKNOWN : t.modality().toUpperCase(java.util.Locale.ROOT);
        return new LoadedImage(t.sopInstanceUid(), source, modality, vocabulary.region(t), t.bodyPartExamined(),
                t.studyDescription(), t.seriesDescription(), px, img.rows(), img.columns());
    }
}
