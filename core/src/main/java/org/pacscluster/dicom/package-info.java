/**
 * DICOM Part-10 reading: the byte-level parser (transfer syntaxes, sequences, encapsulated fragments), the pixel pipeline (modality LUT: table or rescale; palettes, whole or segmented; MONOCHROME1; colour to luminance; frame choice), codecs (JPEG; JPEG 2000 through the system's OpenJPEG, subpackage {@code openjpeg}, or jai-imageio's JJ2000 with OpenJPEG's colour rounding; RLE), the tags pacscluster keeps, and the anatomical-region vocabulary that turns tags into labels.
 */
package org.pacscluster.dicom;
