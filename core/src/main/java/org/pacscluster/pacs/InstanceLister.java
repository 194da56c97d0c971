package org.pacscluster.pacs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Lists the instances matching a configuration by walking QIDO-RS studies → series → instances, one page at a time
 * (so memory does not grow with the archive), each filter sent at its own level, stopping at the configured limit.
 * A page shorter than asked ends a listing unless the server flagged it as cut short (Warning header), in which
 * case paging goes on. The iterator throws {@link UncheckedIOException} (wrapping a {@link PacsException}) when the
 * PACS fails.
 */
final class InstanceLister implements Iterator<InstanceRef> {
    static final String STUDY_UID = "0020000D";
    static final String SERIES_UID = "0020000E";
    static final String SOP_INSTANCE_UID = "00080018";

    private final DicomWebClient client;
    private final PacsConfig config;
    private final Pager studies;
    private Pager series;
    private Pager instances;
    private String studyUid;
    private String seriesUid;
    private InstanceRef next;
    private long produced;
    // a server may repeat a result across pages when the archive changes during paging: list each key of the
    // current series once (the ingest's own resume check covers the rest, without a set that grows with the archive)
    private final Set<String> seen = new HashSet<>();

    InstanceLister(DicomWebClient client) {
        this.client = client;
        this.config = client.config();
        this.studies = new Pager("studies", QueryLevel.STUDY.select(config.filters()));
    }

    @Override
    public boolean hasNext() {
        if (next != null) return true;
        if (config.limit() > 0 && produced >= config.limit()) return false;
        try {
            next = advance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return next != null;
    }

    @Override
    public InstanceRef next() {
        if (!hasNext()) throw new NoSuchElementException();
        InstanceRef r = next;
        next = null;
        produced++;
        return r;
    }

    private InstanceRef advance() throws IOException {
        while (true) {
            if (instances != null) {
                JsonNode n = instances.next();
                if (n != null) {
                    String sop = DicomWebClient.firstString(n, SOP_INSTANCE_UID);
                    if (sop == null) continue;
                    InstanceRef ref = new InstanceRef(studyUid, seriesUid, sop);
                    if (seen.add(ref.key())) return ref;
                    continue;
                }
                instances = null;
            }
            if (series != null) {
                JsonNode n = series.next();
                if (n != null) {
                    seriesUid = DicomWebClient.firstString(n, SERIES_UID);
                    if (seriesUid != null) {
                        seen.clear();
                        instances = new Pager("studies/" + studyUid + "/series/" + seriesUid + "/instances",
                                QueryLevel.INSTANCE.select(config.filters()));
                    }
                    continue;
                }
                series = null;
            }
            JsonNode s = studies.next();
            if (s == null) return null;
            studyUid = DicomWebClient.firstString(s, STUDY_UID);
            if (studyUid != null) {
                series = new Pager("studies/" + studyUid + "/series", QueryLevel.SERIES.select(config.filters()));
            }
        }
    }

    /** Pages through one QIDO-RS search lazily. */
    private final class Pager {
        private final String path;
        private final Map<String, String> filters;
        private final Deque<JsonNode> buffered = new ArrayDeque<>();
        private int offset;
        private boolean exhausted;

        Pager(String path, Map<String, String> filters) {
            this.path = checkPath(path);
            this.filters = Collections.unmodifiableMap(filters);
        }

        JsonNode next() throws IOException {
            while (buffered.isEmpty() && !exhausted) {
                int ask = config.pageSize();
                // the last level never asks for more than the limit still allows
                if (path.endsWith("/instances") && config.limit() > 0) {
                    ask = (int) Math.max(1, Math.min(ask, config.limit() - produced));
                }
                DicomWebClient.QidoPage page = client.search(path, filters, ask, offset);
                offset += page.results().size();
                buffered.addAll(page.results());
                // more than asked: the server ignores limit (and then offset too); paging on would repeat it forever
                exhausted = page.results().isEmpty() || page.results().size() > ask
                        || (page.results().size() < ask && !page.truncatedByServer());
            }
            return buffered.poll();
        }
    }

    private static String checkPath(String path) {
        // UIDs taken from the answers go into the next request's path: refuse anything that could escape it
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || !seg.matches("[0-9A-Za-z._-]+")) {
                throw new UncheckedIOException(new PacsException("PACS returned a UID unusable in a URL: '" + seg + "'", -1));
            }
        }
        return path;
    }
}
