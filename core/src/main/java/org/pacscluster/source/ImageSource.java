package org.pacscluster.source;

import java.io.IOException;
import java.util.Iterator;

/**
 * Somewhere images come from: a DICOM folder, an image folder or ZIP with labels, a PACS. A source lists
 * entry keys (stable across runs, so an interrupted ingest can skip the keys it already finished) and loads
 * one entry at a time; {@link #load} may be called from several threads at once.
 */
public interface ImageSource extends AutoCloseable {
    /** What this source is, for messages and provenance (never contains credentials). */
    String describe();

    /** The keys of all entries, lazily where the source is large. */
    Iterator<String> keys() throws IOException;

    /** How many entries there are, or -1 when unknown without a full listing. */
    default long sizeHint() { return -1; }

    /** Loads and decodes one entry. Thread-safe. */
    LoadedImage load(String key) throws RejectedImageException, IOException;

    @Override
    default void close() throws IOException {}
}
