package org.pacscluster.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** PNG/JPEG/... files under a folder (recursive), labelled by a {@link LabelTable}; keys are relative paths. */
public final class ImageFolderSource implements ImageSource {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff");

    private final Path root;
    private final LabelTable labels;

    public ImageFolderSource(Path root, LabelTable labels) {
        this.root = root;
        this.labels = labels;
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
        try {
            bytes = Files.readAllBytes(root.resolve(key));
        } catch (IOException e) {
            throw new RejectedImageException("cannot read file: " + e.getMessage(), e);
        }
        GreyImages.Grey g = GreyImages.decode(bytes);
        LabelTable.Labels l = labels.lookup(key);
        return new LoadedImage(l.id(), key, l.modality(), l.region(), "", "", "", g.pixels(), g.rows(), g.cols());
    }
}
