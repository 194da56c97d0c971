package org.pacscluster.source;

/** Which frame of a multi-frame image becomes the dataset image (SPEC: the middle one by default). */
public record FrameChoice(String spec) {
    public static final FrameChoice MIDDLE = new FrameChoice("middle");

    public FrameChoice {
        if (!spec.equals("middle") && !spec.equals("first") && !spec.equals("last") && !spec.matches("\\d+")) {
            throw new IllegalArgumentException("frame must be middle, first, last or a 0-based number, got '" + spec + "'");
        }
    }

    /** The 0-based frame to use out of {@code frames}; a number past the end is clamped to the last frame. */
    public int index(int frames) {
        return switch (spec) {
            case "middle" -> frames / 2;
            case "first" -> 0;
            case "last" -> frames - 1;
            default -> Math.min(Integer.parseInt(spec), frames - 1);
        };
    }
}
