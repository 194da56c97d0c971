package org.pacscluster.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.pacscluster.io.LimitExceededException;
import org.pacscluster.io.ReadLimits;

/** PNG/JPEG/... files under a folder (recursive), labelled by a {@link LabelTable}; keys are relative paths. */
public final class ImageFolderSource implements ImageSource {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff");

    private final Path root;
    private final LabelTable labels;

    public ImageFolderSource(Path root, LabelTable labels) throws IOException {
        this.root = root;
        this.labels = labels;
        labels.checkCoverage(keys(), describe());
    }

    static boolean isImageName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /** Whether a folder holds any image file (used to tell an image folder from a DICOM folder). */
    public static boolean containsImages(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> Files.isRegularFile(p) && isImageName(p.getFileName().toString()));
        }
    }

    @Override
    public String describe() { return root.toAbsolutePath().normalize().toString(); }

    @Override
    public Iterator<String> keys() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p) && isImageName(p.getFileName().toString()))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList().iterator();
        }
    }

    @Override
    public long sizeHint() {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p) && isImageName(p.getFileName().toString())).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public LoadedImage load(String key) throws RejectedImageException {
        byte[] bytes;
        Path file = root.resolve(key);
        try {
            if (!Files.isRegularFile(file)) throw new RejectedImageException("not a regular file");
            ReadLimits.current().checkFileBytes(Files.size(file), "the file");
            bytes = Files.readAllBytes(file);
        } catch (LimitExceededException e) {
            throw new RejectedImageException(e.getMessage(), e);
        } catch (IOException e) {
            throw new RejectedImageException("cannot read file: " + e.getMessage(), e);
        }
        GreyImages.Grey g = GreyImages.decode(bytes);
        LabelTable.Labels l = labels.lookup(key);
        return new LoadedImage(l.id(), key, l.modality(), l.region(), "", "", "", g.pixels(), g.rows(), g.cols());
    }
}
