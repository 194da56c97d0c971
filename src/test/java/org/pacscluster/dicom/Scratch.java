package org.pacscluster.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

public class Scratch {
    public static void main(String[] a) throws Exception {
        DicomFile f = (DicomFile) DicomReader.read(Path.of(a[0]));
        RawFrame r = f.rawFrame(a.length > 2 ? Integer.parseInt(a[2]) : 0);
        ByteBuffer bb = ByteBuffer.allocate(r.samples().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : r.samples()) bb.putInt(v);
        Files.write(Path.of(a[1]), bb.array());
        System.out.println(f.rows() + "x" + f.columns() + " spp=" + r.samplesPerPixel() + " ycbcr=" + r.ycbcr());
    }
}
