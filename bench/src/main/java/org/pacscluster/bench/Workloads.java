package org.pacscluster.bench;

import java.util.List;
import java.util.Locale;

/** Every workload of {@code pacscluster bench}, in table order. */
public final class Workloads {
    private Workloads() {}

    public static final List<Workload> ALL = List.of(
            new CaeWorkload(CaeWorkload.Mode.TRAIN, 64), new CaeWorkload(CaeWorkload.Mode.ENCODE, 64),
            new CaeWorkload(CaeWorkload.Mode.TRAIN, 256), new CaeWorkload(CaeWorkload.Mode.ENCODE, 256),
            new DescriptorWorkload("hog"), new DescriptorWorkload("lbp"),
            new PcaWorkload(), new KMeansWorkload(), new KMeansLloydWorkload(), new DicomWorkload(), new TsneWorkload());

    public static List<String> names() { return ALL.stream().map(Workload::name).toList(); }

    public static Workload byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Workload w : ALL) if (w.name().equals(n)) return w;
        throw new IllegalArgumentException("unknown workload '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
}
