package org.pacscluster.dicom.openjpeg;

import com.sun.jna.Pointer;

/**
 * Reads OpenJPEG's decoded {@code opj_image_t} by byte offsets, laid out as openjpeg.h of 2.5.0 declares it for
 * x86-64/aarch64 (LP64, natural alignment); the same from 2.3.0 to 2.5.4:
 *
 * <pre>
 * opj_image_t (48 bytes):       x0 0, y0 4, x1 8, y1 12 (uint32), numcomps 16 (uint32), color_space 20 (enum),
 *                               comps 24 (opj_image_comp_t *), icc_profile_buf 32, icc_profile_len 40
 * opj_image_comp_t (64 bytes):  dx 0, dy 4, w 8, h 12, x0 16, y0 20, prec 24, bpp 28, sgnd 32, resno_decoded 36,
 *                               factor 40 (uint32 each), data 48 (OPJ_INT32 *), alpha 56 (uint16), padding to 64
 * </pre>
 *
 * JNA's Structure would find the same offsets by reflection on every image; fixed offsets say exactly what is read.
 */
final class ImageLayout {
    private ImageLayout() {}

    static final int IMAGE_NUMCOMPS = 16, IMAGE_COMPS = 24;
    static final int COMP_SIZE = 64, COMP_DX = 0, COMP_DY = 4, COMP_W = 8, COMP_H = 12, COMP_PREC = 24, COMP_SGND = 32,
            COMP_DATA = 48;

    /**
     * The decoded samples, interleaved, after checking that there are {@code components} components, each the full
     * {@code width} × {@code height} (no subsampling; the reduced size when a resolution reduction was asked for) with its
     * data present.
     */
    static DecodedImage read(Pointer image, int width, int height, int components) throws OpenJpegException {
        int n = image.getInt(IMAGE_NUMCOMPS);
        Pointer comps = image.getPointer(IMAGE_COMPS);
        if (n != components || comps == null) {
            throw new OpenJpegException("OpenJPEG decoded " + n + " components, " + components + " expected");
        }
        long pixels = (long) width * height;
        if (pixels * n > Integer.MAX_VALUE) throw new OpenJpegException("image of " + width + "x" + height + "x" + n + " is too large");
        int[] samples = new int[(int) (pixels * n)];
        int[] plane = n == 1 ? samples : new int[(int) pixels];
        for (int c = 0; c < n; c++) {
            Pointer comp = comps.share((long) c * COMP_SIZE);
            int w = comp.getInt(COMP_W), h = comp.getInt(COMP_H);
            if (comp.getInt(COMP_DX) != 1 || comp.getInt(COMP_DY) != 1 || w != width || h != height) {
                throw new OpenJpegException("OpenJPEG decoded component " + c + " as " + Integer.toUnsignedString(w) + "x"
                        + Integer.toUnsignedString(h) + " (subsampled " + comp.getInt(COMP_DX) + "x" + comp.getInt(COMP_DY)
                        + "), " + width + "x" + height + " expected");
            }
            Pointer data = comp.getPointer(COMP_DATA);
            if (data == null) throw new OpenJpegException("OpenJPEG returned no data for component " + c);
            data.read(0, plane, 0, (int) pixels);
            if (n > 1) {
                for (int p = 0, o = c; p < pixels; p++, o += n) samples[o] = plane[p];
            }
        }
        Pointer first = comps;
        return new DecodedImage(width, height, n, first.getInt(COMP_PREC), first.getInt(COMP_SGND) != 0, samples);
    }
}
