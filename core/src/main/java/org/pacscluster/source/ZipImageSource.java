package org.pacscluster.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.pacscluster.io.LimitExceededException;
import org.pacscluster.io.ReadLimits;

/**
 * Images inside a ZIP file (PNG/JPEG/...), labelled by a {@link LabelTable}; keys are entry names. A member is
 * inflated only when its declared size is within {@link ReadLimits}, and only up to that size.
 */
public final class ZipImageSource implements ImageSource {
    private final Path path;
    private final ZipFile zip;
    private final LabelTable labels;

    public ZipImageSource(Path path, LabelTable labels) throws IOException {
        this.path = path;
        try {
            this.zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new IllegalArgumentException(path + " is not a readable ZIP file (" + e.getMessage() + ")");
        }
        this.labels = labels;
        try {
            labels.checkCoverage(keys(), describe());
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    @Override
    public String describe() { return path.toAbsolutePath().normalize().toString(); }

    @Override
    public Iterator<String> keys() {
        return zip.stream().filter(e -> !e.isDirectory() && ImageFolderSource.isImageName(e.getName()))
                .map(ZipEntry::getName).iterator();
    }

    @Override
    public long sizeHint() {
        return zip.stream().filter(e -> !e.isDirectory() && ImageFolderSource.isImageName(e.getName())).count();
    }

    @Override
    public LoadedImage load(String key) throws RejectedImageException, IOException {
        ZipEntry e = zip.getEntry(key);
        if (e == null) throw new RejectedImageException("entry vanished from the ZIP");
        byte[] bytes;
        // the size in the ZIP directory is checked before inflating, and then held to: a member may lie about it
        ReadLimits limits = ReadLimits.current();
        try (InputStream in = zip.getInputStream(e)) {
            limits.checkFileBytes(e.getSize(), "the ZIP member");
            bytes = limits.readAll(in, e.getSize(), "the ZIP member");
        } catch (LimitExceededException ex) {
            throw new RejectedImageException(ex.getMessage(), ex);
        } catch (ZipException ex) {
            throw new RejectedImageException("damaged ZIP entry: " + ex.getMessage(), ex);
        }
        GreyImages.Grey g = GreyImages.decode(bytes);
        LabelTable.Labels l = labels.lookup(key);
        return new LoadedImage(l.id(), key, l.modality(), l.region(), "", "", "", g.pixels(), g.rows(), g.cols());
    }

    @Override
    public void close() throws IOException { zip.close(); }
}
