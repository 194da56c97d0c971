package org.pacscluster.source;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Decodes PNG/JPEG/BMP/GIF/TIFF bytes into grey levels. Grey images give their raw samples (no colour management:
 * {@code getRGB} would apply a gamma curve to 8-bit grey); colour images give luminance 0.299R + 0.587G + 0.114B.
 */
final class GreyImages {
    private GreyImages() {}

    record Grey(float[] pixels, int rows, int cols) {}

    static Grey decode(byte[] bytes) throws RejectedImageException {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new RejectedImageException("cannot decode image: " + e.getMessage(), e);
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
