package org.pacscluster.dicom.openjpeg;

/**
 * A decoded JPEG 2000 image: sample values interleaved pixel by pixel (component 0, 1, ... of the first pixel, then
 * the next), after OpenJPEG's inverse component transform (RCT/ICT) and DC level shift, so signed components are
 * negative where they should be.
 *
 * @param precision bits per sample of component 0
 * @param signed    whether component 0 is signed
 */
public record DecodedImage(int width, int height, int components, int precision, boolean signed, int[] samples) {}
