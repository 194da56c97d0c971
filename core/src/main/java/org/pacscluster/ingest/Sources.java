package org.pacscluster.ingest;

import org.pacscluster.io.Digests;
import org.pacscluster.io.InvalidSettingException;
import org.pacscluster.io.OutputPaths;

import org.pacscluster.source.DicomFolderSource;
import org.pacscluster.source.DicomLoading;
import org.pacscluster.source.ImageFolderSource;
import org.pacscluster.source.ImageSource;
import org.pacscluster.source.LabelTable;
import org.pacscluster.source.ZipImageSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.pacscluster.pacs.DicomWebSource;
import org.pacscluster.pacs.PacsConfigLoader;
import org.pacscluster.pacs.PacsSourceOptions;

/**
 * Picks the {@link ImageSource} for a SOURCE argument: a PACS ({@code dicomweb+http(s)://HOST/ROOT}), a ZIP, an
 * image folder, a DICOM folder or file.
 */
public final class Sources {
    private Sources() {}

    /** What kind of source the user says it is; AUTO guesses from the path. */
    public enum Format {
        AUTO, DICOM, IMAGES;

        /** From the command line's --format. */
        public static Format parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "dicom" -> DICOM;
                case "images" -> IMAGES;
                default -> throw new InvalidSettingException("format", "must be auto, dicom or images, got " + s);
            };
        }
    }

    /** Everything a source may need beyond its location; {@code labelsStrict}: see {@link LabelTable}. */
    public record Options(Format format, Path labels, boolean labelsStrict, java.util.function.Supplier<DicomLoading> dicom) {
        public Options(Format format, Path labels, java.util.function.Supplier<DicomLoading> dicom) {
            this(format, labels, false, dicom);
        }
    }

    /**
     * How a source is read beyond its description, for the ingest's resume key: a local source's absolute path (so
     * the same relative path run from another folder is another source), the labels file and region vocabulary by
     * content (a changed file is another ingest), the format, the frame choice, the PACS query (hashed: a patient
     * filter is patient data and stays out of the folder) and decoder settings that change pixels
     * ({@link org.pacscluster.dicom.DicomReader#nonDefaultDecoding()}).
     *
     * @param frame      the frame choice as given ("middle", "first", ...)
     * @param vocabulary the region vocabulary file, or null for the built-in one
     */
    public static java.util.Map<String, String> readingKey(String spec, Options o, PacsSourceOptions pacs, String frame,
                                                           Path vocabulary) throws IOException {
        java.util.Map<String, String> k = new java.util.LinkedHashMap<>();
        if (!PacsConfigLoader.isPacsSource(spec)) k.put("path", Path.of(spec).toAbsolutePath().normalize().toString());
        k.put("labels", o.labels() == null ? "none" : "sha256 " + Digests.sha256(o.labels()));
        k.put("format", o.format().name().toLowerCase(Locale.ROOT));
        k.put("frame", frame);
        k.put("vocabulary", vocabulary == null ? "default" : "sha256 " + Digests.sha256(vocabulary));
        if (!pacs.filters().isEmpty() || pacs.limit() != 0) {
            k.put("query", "sha256 " + Digests.sha256(pacs.filters() + " limit " + pacs.limit()));
        }
        k.putAll(org.pacscluster.dicom.DicomReader.nonDefaultDecoding());
        return k;
    }

    /** The local files an ingest of {@code spec} reads, which its output must stay apart from. */
    public static java.util.List<OutputPaths.Input> inputs(String spec, Options o, PacsSourceOptions pacs,
                                                           Path vocabulary) {
        java.util.List<OutputPaths.Input> in = new java.util.ArrayList<>();
        if (!PacsConfigLoader.isPacsSource(spec)) in.add(OutputPaths.input("the source", Path.of(spec)));
        in.add(OutputPaths.input("the labels file", o.labels()));
        in.add(OutputPaths.input("the vocabulary", vocabulary));
        in.add(OutputPaths.input("the PACS config file", pacs.configFile()));
        in.add(OutputPaths.input("the CA file", pacs.caFile()));
        return in;
    }

    public static ImageSource open(String spec, Options o) throws IOException {
        return open(spec, o, PacsSourceOptions.NONE);
    }

    /** As {@link #open(String, Options)}, with the settings of a PACS source (credentials from the environment). */
    public static ImageSource open(String spec, Options o, PacsSourceOptions pacs) throws IOException {
        if (PacsConfigLoader.isPacsSource(spec)) {
            return DicomWebSource.open(pacs.toConfig(spec, System.getenv()), o.dicom().get());
        }
        if (pacs.anyGiven()) {
            throw new IllegalArgumentException("the PACS settings (query keys, instance limit, config file, CA file,"
                    + " parallel downloads) apply only to a dicomweb+http(s)://HOST/ROOT source");
        }
        Path p = Path.of(spec);
        if (!Files.exists(p)) throw new IllegalArgumentException("source not found: " + spec);
        LabelTable labels = o.labels() == null ? LabelTable.empty() : LabelTable.read(o.labels(), o.labelsStrict());
        boolean zip = Files.isRegularFile(p) && spec.toLowerCase(Locale.ROOT).endsWith(".zip");
        Format f = o.format();
        if (f == Format.AUTO) {
            f = zip || o.labels() != null || (Files.isDirectory(p) && ImageFolderSource.containsImages(p))
                    ? Format.IMAGES : Format.DICOM;
        }
        if (f == Format.IMAGES) {
            if (zip) return new ZipImageSource(p, labels);
            if (!Files.isDirectory(p)) throw new IllegalArgumentException("an image source must be a folder or a .zip: " + spec);
            return new ImageFolderSource(p, labels);
        }
        return new DicomFolderSource(p, o.dicom().get());
    }
}
