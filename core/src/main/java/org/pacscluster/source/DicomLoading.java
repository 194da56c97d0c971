package org.pacscluster.source;

import org.pacscluster.dicom.DicomImage;
import org.pacscluster.dicom.DicomRejectedException;
import org.pacscluster.dicom.DicomTags;
import org.pacscluster.dicom.GreyFrame;
import org.pacscluster.dicom.MissingLabel;
import org.pacscluster.dicom.RegionVocabulary;

/**
 * Turns a parsed DICOM image into a dataset image: the chosen frame with MONOCHROME1 inverted, MOD from the Modality
 * tag and AR through the region vocabulary. Shared by every DICOM source (folders, PACS) so they label alike.
 * Given the dataset's image size, a frame whose codec can skip detail (JPEG 2000) is decoded at no more than the
 * resolution that size needs ({@link DicomImage#frame(int, boolean, int)}).
 */
public final class DicomLoading {
    private final RegionVocabulary vocabulary;
    private final FrameChoice frame;
    private final int imageSize;

    /** Loading at full resolution (for a caller that does not know the size the images are wanted at). */
    public DicomLoading(RegionVocabulary vocabulary, FrameChoice frame) {
        this(vocabulary, frame, 0);
    }

    /** @param imageSize the side of the square images the frames become, 0 for full resolution */
    public DicomLoading(RegionVocabulary vocabulary, FrameChoice frame, int imageSize) {
        if (imageSize < 0) throw new IllegalArgumentException("image size must be >= 0, got " + imageSize);
        this.vocabulary = vocabulary;
        this.frame = frame;
        this.imageSize = imageSize;
    }

    public LoadedImage toLoaded(DicomImage img, String source) throws RejectedImageException {
        DicomTags t = img.tags();
        if (t.sopInstanceUid().isEmpty()) throw new RejectedImageException("no SOPInstanceUID");
        if (img.rows() <= 0 || img.columns() <= 0) {
            throw new RejectedImageException("empty image (" + img.rows() + "x" + img.columns() + ")");
        }
        if (img.frameCount() <= 0) throw new RejectedImageException("no frames");
        GreyFrame px;
        try {
            px = img.frame(frame.index(img.frameCount()), true, imageSize);
        } catch (DicomRejectedException e) {
            throw new RejectedImageException(e.reason(), e);
        }
        String modality = t.modality().isEmpty() ? MissingLabel.UNKNOWN : t.modality().toUpperCase(java.util.Locale.ROOT);
        return new LoadedImage(t.sopInstanceUid(), source, modality, vocabulary.region(t), t.bodyPartExamined(),
                t.studyDescription(), t.seriesDescription(), px.values(), img.rows(), img.columns(), px.halvings());
    }
}
