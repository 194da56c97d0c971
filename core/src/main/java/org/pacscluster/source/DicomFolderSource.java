package org.pacscluster.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import org.pacscluster.dicom.DicomReader;
import org.pacscluster.dicom.DicomRejectedException;

/**
 * DICOM Part-10 files under a folder (recursive) or a single file. Every regular file is tried, whatever its
 * name (archives rarely use .dcm); a DICOMDIR index is skipped since the files it lists are found by the walk.
 * Keys are absolute paths.
 */
public final class DicomFolderSource implements ImageSource {
    private final Path root;
    private final DicomLoading loading;

    public DicomFolderSource(Path root, DicomLoading loading) {
        this.root = root.toAbsolutePath().normalize();
        this.loading = loading;
    }

    @Override
    public String describe() { return root.toString(); }

    @Override
    public Iterator<String> keys() throws IOException {
        if (Files.isRegularFile(root)) return java.util.List.of(root.toString()).iterator();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equalsIgnoreCase("DICOMDIR"))
                    .map(Path::toString).sorted().toList().iterator();
        }
    }

    @Override
    public long sizeHint() {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equalsIgnoreCase("DICOMDIR")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public LoadedImage load(String key) throws RejectedImageException {
        try {
            return loading.toLoaded(DicomReader.read(Path.of(key)), key);
        } catch (DicomRejectedException e) {
            throw new RejectedImageException(e.reason(), e);
        }
    }
}
