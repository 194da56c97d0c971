package org.pacscluster.dicom;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import com.github.jaiimageio.jpeg2000.J2KImageReadParam;
import jj2000.j2k.NotImplementedError;

/**
 * JPEG (TwelveMonkeys: baseline, extended 8-bit, lossless) and JPEG 2000 (jai-imageio, pure Java: the fallback of
 * {@link Jpeg2000Codec}) frames through ImageIO. Rasters are read raw, without the colour conversion a BufferedImage
 * would apply, so that 16-bit lossless and signed data keep their values.
 */
final class ImageIoCodec {
    private ImageIoCodec() {}

    private static volatile ImageReaderSpi jpegSpi;
    private static volatile ImageReaderSpi j2kSpi;

    /** A JPEG frame (baseline, extended 8-bit, lossless) with pydicom's colour rule. */
    static RawFrame decodeJpeg(byte[] data, PixelModule m, TransferSyntax.Codec codec) throws DicomRejectedException, IOException {
        data = JpegMarkers.withoutShortAdobeSegment(data);
        int[] s = samples(data, m, jpegReader(), "JPEG", null, 0);
        boolean ycbcr = false;
        if (m.samplesPerPixel() == 3 && codec == TransferSyntax.Codec.JPEG) {
            // pydicom's rule: the components are taken as stored, except that an RGB image whose stream carries an
            // Adobe marker asking for the YCbCr transform is converted (as Pillow/libjpeg do).
            if (m.photometric() == Photometric.RGB) {
                int transform = JpegMarkers.adobeTransform(data);
                if (transform == 1 || transform == 2) Colour.ycbcrToRgb(s);
            } else {
                ycbcr = m.photometric().ybr();
            }
        } else if (m.samplesPerPixel() == 3) {
            ycbcr = m.photometric().ybr();
        }
        return new RawFrame(s, m.samplesPerPixel(), false, ycbcr);
    }

    /**
     * The samples of a JPEG 2000 frame as jai-imageio's JJ2000 decodes them, its rounding of the irreversible colour
     * transform brought to OpenJPEG's ({@link #roundIctLikeOpenJpeg}); {@code header} is the codestream's main header
     * or null when it could not be read.
     */
    static int[] decodeJpeg2000(byte[] data, PixelModule m, J2kCodestream header) throws DicomRejectedException, IOException {
        return decodeJpeg2000(data, m, header, 0);
    }

    /**
     * The same, without the finest {@code halvings} wavelet levels ({@code header.levels()} at most): JJ2000 stops
     * the inverse transform at resolution level levels − halvings, which gives the low-pass band OpenJPEG's
     * {@code cp_reduce} gives, on the same ⌈side / 2^halvings⌉ grid.
     */
    static int[] decodeJpeg2000(byte[] data, PixelModule m, J2kCodestream header, int halvings)
            throws DicomRejectedException, IOException {
        J2KImageReadParam param = null;
        if (halvings > 0) {
            param = new J2KImageReadParam();
            param.setResolution(header.levels() - halvings);
        }
        int[] s = samples(data, m, j2kReader(), "JPEG 2000", param, halvings);
        if (m.samplesPerPixel() == 3 && header != null && header.irreversibleColour()) {
            roundIctLikeOpenJpeg(s, header.precision(), header.signed());
        }
        return s;
    }

    /**
     * Decodes the raster raw, without the colour conversion a BufferedImage would apply, so that 16-bit lossless
     * and signed data keep their values; checks the frame's size against the header before decoding (the reader
     * allocates by the stream's size) and its bands after. Signed data is sign-extended from Bits Stored: codecs
     * may hand it back as unsigned words (or disagree with Pixel Representation); the header decides, as in pydicom.
     */
    private static int[] samples(byte[] data, PixelModule m, ImageReaderSpi spi, String format, ImageReadParam param,
                                 int halvings) throws DicomRejectedException, IOException {
        ImageReader reader = spi.createReaderInstance();
        Raster raster;
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(iis, true, true);
            int w = reader.getWidth(0), h = reader.getHeight(0);
            if (w != m.columns() || h != m.rows()) {
                throw new DicomRejectedException("the " + format + " frame is " + w + "x" + h
                        + " but the header says " + m.columns() + "x" + m.rows());
            }
            TruncationCheck truncation = TruncationCheck.on(reader);
            raster = reader.readRaster(0, param);
            truncation.verify();
        } catch (ThreadDeath | NotImplementedError e) {
            // JJ2000 signals some damage with Errors, not exceptions: its JJ2KExceptionHandler prints the stack trace
            // of an exception in its pipeline (an EOFException when the codestream is truncated) and throws
            // ThreadDeath; a damaged tile length gives NotImplementedError ("Tile length larger than maximum supported")
            throw new DicomRejectedException("the " + format + " decoder (jai-imageio) gave up: the codestream is truncated or damaged");
        } finally {
            reader.dispose();
        }
        int w = raster.getWidth(), h = raster.getHeight(), bands = raster.getNumBands();
        if (w != m.columns(halvings) || h != m.rows(halvings) || bands != m.samplesPerPixel()) {
            throw new DicomRejectedException("the " + format + " frame is " + w + "x" + h + "x" + bands
                    + (halvings > 0 ? " at " + halvings + " halvings" : "") + " but the header says "
                    + m.columns(halvings) + "x" + m.rows(halvings) + "x" + m.samplesPerPixel());
        }
        int[] s = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null);
        if (m.signed()) SampleFix.signExtend(s, m.bitsStored());
        return s;
    }

    /**
     * jai-imageio's inverse irreversible colour transform (JJ2000 InvCompTransf.invICT) rounds each result as
     * {@code (int) (v + 0.5f)} before the DC level shift: that truncates towards zero, so every negative v (a sample
     * below the middle level 2^(precision-1), or below 0 for signed components) comes out one level too high.
     * OpenJPEG, which pydicom (via Pillow) and GDCM use, rounds to nearest. Below the middle level our samples are
     * therefore one too high and lowered by one; at the middle level itself (v in [-1.5, 0.5)) the two cases cannot
     * be told apart and stay, at most one level off. Measured on US1_J2KI: 816,966 of 921,600 samples differed
     * from OpenJPEG before, 1,153 (by 1) after.
     */
    static void roundIctLikeOpenJpeg(int[] s, int precision, boolean signed) {
        int middle = signed ? 0 : 1 << (precision - 1);
        int lowest = signed ? -(1 << (precision - 1)) : 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] < middle) s[i] = Math.max(s[i] - 1, lowest);
        }
    }

    private static ImageReaderSpi jpegReader() throws DicomRejectedException {
        ImageReaderSpi spi = jpegSpi;
        if (spi == null) jpegSpi = spi = find("jpeg", "com.twelvemonkeys.");
        return spi;
    }

    private static ImageReaderSpi j2kReader() throws DicomRejectedException {
        ImageReaderSpi spi = j2kSpi;
        if (spi == null) j2kSpi = spi = find("jpeg2000", "com.github.jaiimageio.");
        return spi;
    }

    /**
     * The ImageIO reader of a format from the given library (not the JDK's own JPEG reader, which lacks lossless).
     * Synchronized: the class path is rescanned at most once, and the plugin registry is not made for concurrent
     * registration.
     */
    private static synchronized ImageReaderSpi find(String format, String packagePrefix) throws DicomRejectedException {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (attempt == 1) ImageIO.scanForPlugins();  // e.g. when loaded by a class loader ImageIO did not scan
            Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format);
            while (it.hasNext()) {
                ImageReader r = it.next();
                if (r.getClass().getName().startsWith(packagePrefix) && r.getOriginatingProvider() != null) {
                    return r.getOriginatingProvider();
                }
            }
        }
        throw new DicomRejectedException("no " + format + " decoder from " + packagePrefix + "* on the class path");
    }
}
