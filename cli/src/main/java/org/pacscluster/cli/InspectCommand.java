package org.pacscluster.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.pacscluster.dicom.DicomInspection;
import org.pacscluster.dicom.DicomTags;
import org.pacscluster.dicom.LabelDeriver;
import org.pacscluster.dicom.PixelStats;
import org.pacscluster.dicom.RegionVocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pacscluster inspect FILE|DIR...}: one JSON object per file with the kept tags, transfer syntax, frame count
 * and first-frame statistics, or the reason the file cannot be used. Patient names and IDs are never read.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print the tags, transfer syntax and first-frame pixel statistics of DICOM files as JSON lines "
                + "(one object per file; directories are searched recursively).",
                "Statistics are taken after Rescale Slope/Intercept with MONOCHROME1 not inverted; colour and palette "
                + "images give raw sample statistics. A file that cannot be used shows \"rejected\" with the reason.",
                "A file over a read limit (--max-file-size, --max-image-pixels) is rejected with the limit it exceeds; "
                        + "FIFOs, devices and sockets are skipped.",
                "Exit status: 0 when at least one file was a readable image, 1 otherwise."})
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "DICOM files or folders (searched recursively)")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--region", description = "Also print the derived labels MOD (Modality) and AR (anatomical region).")
    boolean region;

    @Option(names = "--vocabulary", paramLabel = "FILE",
            description = "Region vocabulary file for AR (implies --region; default: the one shipped with pacscluster).")
    Path vocabulary;

    @Mixin
    ReadLimitsOptions limits = new ReadLimitsOptions();

    private final ObjectMapper json = new ObjectMapper();
    private LabelDeriver labels;
    private int files;
    private int readable;

    @Override
    public Integer call() throws IOException {
        limits.install();
        if (vocabulary != null || region) {
            labels = new LabelDeriver(vocabulary != null ? RegionVocabulary.load(vocabulary) : RegionVocabulary.defaults());
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Path p : paths) visit(p, out);
        out.flush();
        if (readable == 0) {
            spec.commandLine().getErr().println("error: " + (files == 0 ? "no files found"
                    : "none of the " + files + " file(s) is a readable DICOM image"));
            return 1;
        }
        return 0;
    }

    /** Files in sorted order, directories recursively; symbolic links to directories are not followed. */
    private void visit(Path p, PrintWriter out) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children;
            try (Stream<Path> s = Files.list(p)) {
                children = s.sorted().toList();
            } catch (IOException e) {
                print(out, rejected(p, "cannot list directory: " + e.getMessage()));
                return;
            }
            for (Path c : children) visit(c, out);
        } else if (Files.isDirectory(p)) {
            return;
        } else if (Files.exists(p) && !Files.isRegularFile(p)) {
            files++;   // opening a FIFO would block until someone writes to it
            print(out, rejected(p, "not a regular file (a FIFO, device or socket): skipped"));
        } else {
            files++;
            ObjectNode o;
            try {
                o = describe(p);
            } catch (OutOfMemoryError e) {
                // one file must not end the batch; the limits make this rare (a codec's own allocation)
                o = rejected(p, Main.outOfMemory(e));
            }
            if (!o.has("rejected")) readable++;
            print(out, o);
        }
    }

    private void print(PrintWriter out, ObjectNode o) throws IOException {
        out.println(json.writeValueAsString(o));
        out.flush();
    }

    private ObjectNode rejected(Path p, String reason) {
        ObjectNode o = json.createObjectNode();
        o.put("path", p.toString());
        o.put("rejected", reason);
        return o;
    }

    ObjectNode describe(Path p) {
        DicomInspection in = DicomInspection.of(p);
        ObjectNode o = json.createObjectNode();
        o.put("path", p.toString());
        DicomTags t = in.tags();
        if (t != null) {
            o.put("SOPInstanceUID", t.sopInstanceUid());
            o.put("Modality", t.modality());
            o.put("BodyPartExamined", t.bodyPartExamined());
            o.put("StudyDescription", t.studyDescription());
            o.put("SeriesDescription", t.seriesDescription());
            o.put("Rows", t.rows());
            o.put("Columns", t.columns());
        }
        if (in.frames() != null) o.put("frames", in.frames());
        if (in.transferSyntaxUid() != null) o.put("transferSyntax", in.transferSyntaxUid());
        if (in.transferSyntaxName() != null) o.put("transferSyntaxName", in.transferSyntaxName());
        if (in.photometric() != null) o.put("photometric", in.photometric());
        if (labels != null && t != null) {
            LabelDeriver.Labels l = labels.derive(t);
            o.put("MOD", l.modality());
            o.put("AR", l.region());
        }
        PixelStats s = in.stats();
        if (s != null) {
            o.put("min", s.min());
            o.put("max", s.max());
            o.put("mean", s.mean());
            o.put("std", s.std());
            o.put("rows", s.rows());
            o.put("cols", s.columns());
            o.put("values", in.rawColourSamples() ? "raw colour samples" : "after rescale, MONOCHROME1 not inverted");
        } else {
            o.put("rejected", in.rejected());
        }
        return o;
    }
}
