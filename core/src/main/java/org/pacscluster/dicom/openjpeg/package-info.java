/**
 * JPEG 2000 decoding through the system's OpenJPEG 2.x ({@code libopenjp2.so.7}, Debian package libopenjp2-7), bound
 * with JNA: the codestream is served from memory through OpenJPEG's stream callbacks, its messages are captured
 * (never printed), and every native object is freed before a call returns. The same library decodes JPEG 2000 for
 * pydicom (through Pillow) and GDCM, the peers pacscluster is checked against. Callers check the codestream's size
 * against their limits before they call in (see {@code org.pacscluster.dicom.Jpeg2000Codec}).
 */
package org.pacscluster.dicom.openjpeg;
