package org.pacscluster.dicom;

import java.io.IOException;
import org.pacscluster.dicom.openjpeg.OpenJpegException;

/**
 * A readable DICOM image: validated header plus lazy access to its frames. Pixel data is read from the source
 * only when a frame is asked for, and only that frame's bytes.
 */
final class DicomFile implements DicomImage {
    private final DicomHeader header;
    private final PixelModule module;
    private final TransferSyntax syntax;
    /** Non-null for encapsulated pixel data. */
    private final Fragments fragments;

    DicomFile(DicomHeader header, PixelModule module, TransferSyntax syntax, Fragments fragments) {
        this.header = header;
        this.module = module;
        this.syntax = syntax;
        this.fragments = fragments;
    }

    @Override public DicomTags tags() { return header.tags(); }

    @Override public String transferSyntaxUid() { return syntax.uid(); }

    String transferSyntaxName() { return syntax.name(); }

    String photometric() { return module.photometric().term(); }

    @Override public int frameCount() { return module.frames(); }

    @Override public int rows() { return module.rows(); }

    @Override public int columns() { return module.columns(); }

    PixelModule module() { return module; }

    @Override
    public float[] frame(int index, boolean invertMonochrome1) throws DicomRejectedException {
        return GreyLevels.of(rawFrame(index), module, invertMonochrome1);
    }

    @Override
    public GreyFrame frame(int index, boolean invertMonochrome1, int size) throws DicomRejectedException {
        RawFrame raw = rawFrame(index, size);
        int h = raw.halvings();
        return new GreyFrame(GreyLevels.of(raw, module, invertMonochrome1), module.rows(h), module.columns(h), h);
    }

    /** Statistics of a frame as pydicom's {@code pixel_array} gives it: grey after rescale, colour raw. */
    PixelStats stats(int index) throws DicomRejectedException {
        return PixelStats.of(rawFrame(index), module);
    }

    /** Decodes one frame to stored sample values; any failure becomes a rejection with a reason. */
    RawFrame rawFrame(int index) throws DicomRejectedException {
        return rawFrame(index, 0);
    }

    /** Decodes one frame wanted as a {@code size}² image (0: full resolution), halved where the codec allows. */
    private RawFrame rawFrame(int index, int size) throws DicomRejectedException {
        if (index < 0 || index >= module.frames()) {
            throw new DicomRejectedException("frame " + index + " does not exist (" + module.frames() + " frames)");
        }
        try {
            return decode(index, size);
        } catch (DicomRejectedException e) {
            throw e;
        } catch (javax.imageio.IIOException | OpenJpegException e) {
            throw new DicomRejectedException("cannot decode frame " + index + " (" + syntax.name() + "): " + message(e), e);
        } catch (IOException e) {
            throw new DicomRejectedException("cannot read frame " + index + ": " + message(e), e);
        } catch (RuntimeException e) {
            throw new DicomRejectedException("cannot decode frame " + index + " (" + syntax.name() + "): " + message(e), e);
        }
    }

    /** The stored bytes of one frame (compressed for encapsulated syntaxes); for tests and diagnostics. */
    byte[] encodedFrame(int index) throws IOException {
        if (fragments != null) return fragments.frame(index);
        long bytes = (module.nativeFrameBits() + 7) / 8;
        return header.source.read(header.pixelOffset + bytes * index, (int) bytes);
    }

    private RawFrame decode(int index, int size) throws DicomRejectedException, IOException {
        switch (syntax.codec()) {
            case NATIVE -> {
                long frameBits = module.nativeFrameBits();
                long startBit = frameBits * index;
                int bitOffset = (int) (startBit & 7);
                long bytes = (bitOffset + frameBits + 7) / 8;
                byte[] data = header.source.read(header.pixelOffset + (startBit >>> 3), (int) bytes);
                return NativeDecoder.decode(data, bitOffset, module, header.bigEndian);
            }
            case RLE -> {
                return RleDecoder.decode(fragments.frame(index), module);
            }
            case JPEG -> {
                byte[] data = fragments.frame(index);
                if (JpegMarkers.precision(data) > 8) {
                    throw new DicomRejectedException("12-bit lossy JPEG is not supported (" + syntax + ")");
                }
                return ImageIoCodec.decodeJpeg(data, module, syntax.codec());
            }
            case JPEG_LOSSLESS -> {
                // our decoder (fast); TwelveMonkeys for the rare variants it leaves alone, or when forced back to it
                byte[] data = fragments.frame(index);
                RawFrame f = LosslessJpegDecoder.ENABLED ? LosslessJpegDecoder.decode(data, module) : null;
                return f != null ? f : ImageIoCodec.decodeJpeg(data, module, syntax.codec());
            }
            case JPEG2000 -> {
                return Jpeg2000Codec.decode(fragments.frame(index), module, size);
            }
            default -> throw new DicomRejectedException("unsupported transfer syntax " + syntax);
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
