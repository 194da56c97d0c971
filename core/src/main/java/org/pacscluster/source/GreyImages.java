package org.pacscluster.source;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import org.pacscluster.dicom.DicomRejectedException;
import org.pacscluster.dicom.TruncationCheck;
import org.pacscluster.io.LimitExceededException;
import org.pacscluster.io.ReadLimits;

/**
 * Decodes PNG/JPEG/BMP/GIF/TIFF bytes into grey levels. The image size is read from the header first and checked
 * against {@link ReadLimits} before any pixel is decoded; data that ends early (which a codec fills with grey) is
 * rejected as truncated ({@link TruncationCheck}). Grey images give their raw samples (no colour management:
 * {@code getRGB} would apply a gamma curve to 8-bit grey); colour images give luminance 0.299R + 0.587G + 0.114B.
 */
final class GreyImages {
    private GreyImages() {}

    record Grey(float[] pixels, int rows, int cols) {}

    static Grey decode(byte[] bytes) throws RejectedImageException {
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new RejectedImageException("not an image format this tool can read");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageTypeSpecifier type = reader.getRawImageType(0);
                ReadLimits.current().checkImage(reader.getHeight(0), reader.getWidth(0), type == null ? 1 : type.getNumBands());
                TruncationCheck truncation = TruncationCheck.on(reader);
                img = reader.read(0);
                truncation.verify();
            } finally {
                reader.dispose();
            }
        } catch (LimitExceededException e) {
            throw new RejectedImageException(e.getMessage(), e);
        } catch (DicomRejectedException e) {
            throw new RejectedImageException(e.reason(), e);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) if (c.getMessage() != null) m += ": " + c.getMessage();
            throw new RejectedImageException("cannot decode image: " + m.lines().findFirst().orElse(m), e);
        }
        if (img == null) throw new RejectedImageException("not an image format this tool can read");
        int w = img.getWidth(), h = img.getHeight();
        if (w <= 0 || h <= 0) throw new RejectedImageException("empty image");
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        float[] out = new float[w * h];
        if (bands <= 2 && img.getColorModel().getColorSpace().getNumComponents() == 1) {
            r.getSamples(0, 0, w, h, 0, out);
        } else if (bands >= 3 && img.getType() != BufferedImage.TYPE_BYTE_INDEXED) {
            float[] red = r.getSamples(0, 0, w, h, 0, (float[]) null);
            float[] green = r.getSamples(0, 0, w, h, 1, (float[]) null);
            float[] blue = r.getSamples(0, 0, w, h, 2, (float[]) null);
            for (int i = 0; i < out.length; i++) out[i] = 0.299f * red[i] + 0.587f * green[i] + 0.114f * blue[i];
        } else {
            int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);    // palette images: through their colour map
            for (int i = 0; i < out.length; i++) {
                int p = rgb[i];
                out[i] = 0.299f * ((p >> 16) & 255) + 0.587f * ((p >> 8) & 255) + 0.114f * (p & 255);
            }
        }
        return new Grey(out, h, w);
    }
}
