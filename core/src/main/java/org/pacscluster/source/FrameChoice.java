package org.pacscluster.source;

import org.pacscluster.io.InvalidSettingException;

/**
 * Which frame of a multi-frame image becomes the dataset image (SPEC: the middle one by default). A number is
 * checked once, here, so that a value no image can have is one argument error rather than a rejection per file.
 */
public record FrameChoice(String spec) {
    public static final FrameChoice MIDDLE = new FrameChoice("middle");

    public FrameChoice {
        if (!spec.equals("middle") && !spec.equals("first") && !spec.equals("last")) {
            boolean number = spec.matches("\\d{1,10}") && Long.parseLong(spec) <= Integer.MAX_VALUE;
            if (!number) {
                throw new InvalidSettingException("frame", "must be middle, first, last or a 0-based frame number up to "
                        + Integer.MAX_VALUE + ", got '" + spec + "'");
            }
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
