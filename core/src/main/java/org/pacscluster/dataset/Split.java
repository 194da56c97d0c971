package org.pacscluster.dataset;

/** Which part of the dataset a record belongs to; fixed at ingest by a seeded shuffle. */
public enum Split {
    TRAIN, TEST;

    public static Split parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "train" -> TRAIN;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException("unknown split '" + s + "' (expected train or test)");
        };
    }

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
