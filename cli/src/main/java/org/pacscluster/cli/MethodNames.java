package org.pacscluster.cli;

import java.util.Arrays;
import java.util.Iterator;
import org.pacscluster.method.Method;

/** The method names for the help texts ({@code ${COMPLETION-CANDIDATES}}), so a new method shows up by itself. */
final class MethodNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(Method.values()).map(Method::id).iterator();
    }
}
