package org.pacscluster.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.pacscluster.audit.Confidence;
import org.pacscluster.audit.TagAudit;
import org.pacscluster.cluster.Assignments;
import org.pacscluster.dataset.ImageRecord;
import org.pacscluster.dataset.LabelKind;
import org.pacscluster.dicom.MissingLabel;
import org.pacscluster.evaluate.ClusterMakeup;
import org.pacscluster.io.Shuffle;

/**
 * How well {@code audit} finds wrong tags, measured on the experiment's own test split: the region tag of a seeded
 * share of the test images is replaced by another region (as a mistyped BodyPartExamined would be), the images are
 * audited exactly as the {@code audit} command does (same ranking, novel images skipped), and the ranked region
 * findings of kind "disagrees" are scored against the known corruptions (a missing tag is found by definition, so
 * those findings are left out of the ranking). Only tags change, not pixels, so the clusters and soft
 * assignments of the clean run serve as they are. The same check, on files, is {@code scripts/audit_corruption.py}.
 */
public final class AuditCheck {
    /** The corruption shares the report shows. */
    public static final double[] SHARES = {0.01, 0.02, 0.05};

    private AuditCheck() {}

    /**
     * The ranked region findings scored against the corrupted images.
     *
     * @param corrupted        N, images whose region tag was changed
     * @param findings         region findings the audit listed
     * @param precisionAtN     share of corrupted images among the first N findings
     * @param recallAt2N       share of the corrupted images found among the first 2N findings
     * @param averagePrecision mean over the corrupted images of the precision at the rank where each is found (0 for
     *                         those never listed): the area under the precision–recall curve
     * @param hits             per finding in rank order, whether it is a corrupted image
     */
    public record Score(int corrupted, int findings, double precisionAtN, double recallAt2N, double averagePrecision,
                        boolean[] hits) {
        /** Precision after each of the first findings: hits so far / findings so far. */
        public double[] precision() {
            double[] p = new double[hits.length];
            int h = 0;
            for (int i = 0; i < hits.length; i++) p[i] = (double) (h += hits[i] ? 1 : 0) / (i + 1);
            return p;
        }

        /** Recall after each of the first findings: hits so far / N. */
        public double[] recall() {
            double[] r = new double[hits.length];
            int h = 0;
            for (int i = 0; i < hits.length; i++) r[i] = corrupted == 0 ? Double.NaN : (double) (h += hits[i] ? 1 : 0) / corrupted;
            return r;
        }
    }

    /**
     * Corrupts, audits and scores.
     *
     * @param test     the test images, in the order of {@code assigned}
     * @param assigned each test image's cluster and soft assignment
     * @param makeup   the model's clusters, from its training images
     * @param novel    test positions that fit no cluster (the audit suggests nothing for them)
     * @param share    share of the images with a region tag that get a wrong one
     * @param seed       seeds which images and which wrong regions
     * @param confidence how the audit ranks its findings
     */
    public static Score check(List<ImageRecord> test, Assignments assigned, List<ClusterMakeup> makeup,
                              IntPredicate novel, double share, long seed, Confidence confidence) {
        List<ImageRecord> tags = new ArrayList<>(test);
        Set<String> wrong = corruptRegions(tags, share, seed);
        List<TagAudit.Finding> findings = TagAudit.audit(tags::get, tags.size(), assigned, makeup, novel, confidence).stream()
                .filter(f -> f.tag().equals(LabelKind.REGION.column()) && f.reason().equals("disagrees")).toList();
        boolean[] hits = new boolean[findings.size()];
        for (int i = 0; i < hits.length; i++) hits[i] = wrong.contains(findings.get(i).id());
        return score(wrong.size(), hits);
    }

    /** Scores a ranking: {@code hits[i]} says whether the finding at rank i is one of the {@code n} wrong tags. */
    static Score score(int n, boolean[] hits) {
        int atN = 0, at2N = 0, found = 0;
        double sumPrecision = 0;
        for (int i = 0; i < hits.length; i++) {
            if (!hits[i]) continue;
            found++;
            sumPrecision += (double) found / (i + 1);
            if (i < n) atN++;
            if (i < 2 * n) at2N++;
        }
        return n == 0 ? new Score(0, hits.length, Double.NaN, Double.NaN, Double.NaN, hits.clone())
                : new Score(n, hits.length, (double) atN / n, (double) at2N / n, sumPrecision / n, hits.clone());
    }

    /**
     * Replaces, in place, the region of round(share × m) (at least 1 for a share above 0) of the m records that have
     * one by another region drawn from those the records carry; returns the ids changed.
     */
    static Set<String> corruptRegions(List<ImageRecord> records, double share, long seed) {
        if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("share must be in [0, 1], got " + share);
        TreeSet<String> vocabulary = new TreeSet<>();
        List<Integer> tagged = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String region = records.get(i).region();
            if (MissingLabel.isMissing(region)) continue;
            vocabulary.add(region);
            tagged.add(i);
        }
        Set<String> changed = new HashSet<>();
        if (vocabulary.size() < 2) return changed; // nothing to swap a tag for
        String[] regions = vocabulary.toArray(String[]::new);
        int[] order = tagged.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom rng = new SplittableRandom(seed ^ 0xA0D17L);
        Shuffle.shuffle(order, rng);
        // at least one wrong tag when any is asked for: a small test split would otherwise plant none and score nothing
        int m = share == 0 ? 0 : Math.max(1, (int) Math.round(share * order.length));
        int[] picked = Arrays.copyOf(order, m);
        Arrays.sort(picked); // the wrong regions are drawn in row order, whatever the shuffle
        for (int i : picked) {
            ImageRecord r = records.get(i);
            String wrong;
            do { wrong = regions[rng.nextInt(regions.length)]; } while (wrong.equals(r.region()));
            records.set(i, new ImageRecord(r.row(), r.id(), r.source(), r.modality(), wrong, r.split(),
                    r.bodyPartExamined(), r.studyDescription(), r.seriesDescription()));
            changed.add(r.id());
        }
        return changed;
    }
}
