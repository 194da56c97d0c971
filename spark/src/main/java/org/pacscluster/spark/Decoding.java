package org.pacscluster.spark;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.pacscluster.dataset.DatasetWriter;
import org.pacscluster.dataset.Preprocessor;
import org.pacscluster.dicom.DicomImage;
import org.pacscluster.dicom.DicomReader;
import org.pacscluster.dicom.DicomRejectedException;
import org.pacscluster.dicom.RegionVocabulary;
import org.pacscluster.source.DicomLoading;
import org.pacscluster.source.FrameChoice;
import org.pacscluster.source.LoadedImage;
import org.pacscluster.source.RejectedImageException;

/**
 * Decodes and preprocesses one DICOM entry on an executor exactly as the single-JVM ingest does (the core's
 * {@link DicomReader}, {@link DicomLoading}, {@link Preprocessor} and {@link DatasetWriter#encode}), into a row of
 * {@link Schemas#DECODED}. A file that cannot become an image gives a row with its reason, never an exception:
 * the job goes on. Settings only travel to the executors; the vocabulary file is read there (it must be reachable
 * from every executor, e.g. shipped with {@code spark-submit --files}).
 *
 * @param imageSize  S of the preprocessed S×S images
 * @param bits       8 or 16 bits per stored pixel
 * @param vocabulary region vocabulary file, or null for the built-in one
 * @param frame      which frame of a multi-frame image ({@link FrameChoice})
 */
record Decoding(int imageSize, int bits, String vocabulary, String frame) implements Serializable {
    // one DicomLoading per executor JVM, vocabulary and size: the vocabulary is parsed once, not per file
    private static final Map<String, DicomLoading> LOADINGS = new ConcurrentHashMap<>();

    Decoding {
        new Preprocessor(imageSize);                       // validates the size on the driver already
        new DatasetWriter.Settings(imageSize, bits);       // and the bits
        new FrameChoice(frame);
    }

    DicomLoading loading() {
        return LOADINGS.computeIfAbsent(vocabulary + "\0" + frame + "\0" + imageSize, k -> new DicomLoading(
                vocabulary == null ? RegionVocabulary.defaults() : RegionVocabulary.load(Path.of(vocabulary)),
                new FrameChoice(frame), imageSize));
    }

    /** The row for the DICOM file {@code key} whose bytes are {@code content}. */
    Row decodeFile(String key, byte[] content) {
        try {
            DicomImage dicom = DicomReader.read(content, key);
            return image(key, loading().toLoaded(dicom, key), emptyToNull(dicom.tags().studyInstanceUid()),
                    emptyToNull(dicom.tags().seriesInstanceUid()));
        } catch (DicomRejectedException e) {
            return rejected(key, e.reason());
        } catch (RejectedImageException e) {
            return rejected(key, e.reason());
        } catch (RuntimeException | OutOfMemoryError e) {
            // as the single-JVM ingest: a decoder bug must not end the run; the entry is rejected with what went wrong
            return rejected(key, "internal error while decoding: " + e);
        }
    }

    /** The row of an image already loaded (a PACS source), with its study and series UIDs. */
    Row image(String key, LoadedImage img, String studyUid, String seriesUid) {
        float[] px = new Preprocessor(imageSize).apply(img.pixels(), img.rows(), img.columns(), img.halvings());
        ByteBuffer levels = ByteBuffer.allocate(px.length * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
        DatasetWriter.encode(px, bits, levels);
        return RowFactory.create(key, img.id(), img.source(), img.id(), seriesUid, studyUid, img.modality(),
                img.region(), img.bodyPartExamined(), img.studyDescription(), img.seriesDescription(), imageSize, bits,
                levels.array(), null);
    }

    private static String emptyToNull(String s) { return s.isEmpty() ? null : s; }

    static Row rejected(String key, String reason) {
        return RowFactory.create(key, null, null, null, null, null, null, null, null, null, null, null, null, null,
                reason.replace('\n', ' '));
    }
}
