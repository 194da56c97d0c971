package org.pacscluster.pacs;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.pacscluster.dicom.DicomReader;
import org.pacscluster.dicom.DicomRejectedException;
import org.pacscluster.io.LimitExceededException;
import org.pacscluster.source.DicomLoading;
import org.pacscluster.source.ImageSource;
import org.pacscluster.source.LoadedImage;
import org.pacscluster.source.RejectedImageException;

/**
 * A PACS as an image source: keys are "studyUID/seriesUID/instanceUID" from QIDO-RS (stable across runs, so a
 * re-run skips what an interrupted one finished); {@link #load} fetches the instance's original bytes with WADO-RS
 * and decodes them exactly like a file of a DICOM folder ({@link DicomLoading}), so both give the same images and
 * labels. A PACS failure is an {@link IOException} (the ingest leaves the entry for the next run), a file that
 * cannot be decoded a {@link RejectedImageException}.
 */
public final class DicomWebSource implements ImageSource {
    private final DicomWebClient client;
    private final DicomLoading loading;

    public DicomWebSource(PacsConfig config, DicomLoading loading) throws IOException {
        this.client = new DicomWebClient(config);
        this.loading = loading;
    }

    /**
     * Opens the source and checks at once, with one small study search, that the PACS answers and accepts the
     * credentials: a wrong URL or password then ends the command before it creates anything.
     */
    public static DicomWebSource open(PacsConfig config, DicomLoading loading) throws IOException {
        DicomWebSource s = new DicomWebSource(config, loading);
        try {
            s.client.search("studies", QueryLevel.STUDY.select(config.filters()), 1, 0);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    @Override
    public String describe() {
        PacsConfig c = client.config();
        String filters = c.filters().entrySet().stream().map(DicomWebSource::describeFilter).collect(Collectors.joining(", "));
        return c.describe() + (filters.isEmpty() ? "" : " [" + filters + "]") + (c.limit() > 0 ? " limit " + c.limit() : "");
    }

    // a filter on the patient (name, ID, birth date) is patient data: it stays out of manifests and messages
    private static String describeFilter(Map.Entry<String, String> e) {
        boolean patient = e.getKey().toLowerCase(Locale.ROOT).startsWith("patient") || e.getKey().startsWith("0010");
        return e.getKey() + "=" + (patient ? "***" : e.getValue());
    }

    @Override
    public Iterator<String> keys() {
        InstanceLister refs = new InstanceLister(client);
        return new Iterator<>() {
            @Override public boolean hasNext() { return refs.hasNext(); }
            @Override public String next() { return refs.next().key(); }
        };
    }

    @Override
    public LoadedImage load(String key) throws RejectedImageException, IOException {
        InstanceRef ref = InstanceRef.parse(key);
        byte[] bytes;
        try {
            bytes = client.retrieveInstance(ref);
        } catch (LimitExceededException e) {
            throw new RejectedImageException(e.getMessage(), e);   // too large: a re-run would fetch the same
        } catch (PacsException e) {
            // gone between the search and the retrieval: nothing a re-run could fetch
            if (e.status() == 404 || e.status() == 410) throw new RejectedImageException("not found on the PACS (HTTP " + e.status() + ")", e);
            throw e;
        }
        try {
            return loading.toLoaded(DicomReader.read(bytes, key), client.config().root() + ref.path());
        } catch (DicomRejectedException e) {
            throw new RejectedImageException(e.reason(), e);
        }
    }

    /** The client underneath, for callers that want QIDO/WADO directly. */
    public DicomWebClient client() { return client; }

    @Override
    public void close() { client.close(); }
}
