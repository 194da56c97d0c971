package org.pacscluster.spark;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/** The columns of the tables the jobs read and write (Parquet), in one place. */
final class Schemas {
    private Schemas() {}

    /**
     * One preprocessed image (the ingest job's {@code images} table): identity, the kept tags, the MOD/AR labels and
     * the pixels as the single-JVM dataset stores them ({@code bits_per_pixel} unsigned little-endian levels,
     * {@code image_size}² of them, row-major). UIDs of series and study are known for PACS sources only (the DICOM
     * reader of files keeps the SOP Instance UID alone).
     */
    static final StructType IMAGES = new StructType()
            .add("id", StringType, false)
            .add("source", StringType, false)
            .add("sop_instance_uid", StringType, true)
            .add("series_instance_uid", StringType, true)
            .add("study_instance_uid", StringType, true)
            .add("modality", StringType, false)
            .add("region", StringType, false)
            .add("body_part_examined", StringType, false)
            .add("study_description", StringType, false)
            .add("series_description", StringType, false)
            .add("image_size", IntegerType, false)
            .add("bits_per_pixel", IntegerType, false)
            .add("pixels", BinaryType, false);

    /** What decoding one source entry gave: the columns of {@link #IMAGES} (null when rejected) + key + reason. */
    static final StructType DECODED = withDecodingColumns();

    /** A source entry that could not become an image: as the single-JVM {@code rejected.csv}. */
    static final StructType REJECTED = new StructType()
            .add("file", StringType, false)
            .add("reason", StringType, false);

    /** The predict job's {@code assignments} table: as {@code pacscluster predict}'s CSV, plus the image's own labels. */
    static final StructType ASSIGNMENTS = new StructType()
            .add("id", StringType, false)
            .add("source", StringType, false)
            .add("cluster", IntegerType, false)
            .add("probability", FloatType, false)
            .add("cluster_modality", StringType, false)
            .add("cluster_region", StringType, false)
            .add("modality", StringType, false)
            .add("region", StringType, false)
            .add("distance", org.apache.spark.sql.types.DataTypes.DoubleType, false)
            .add("novel", org.apache.spark.sql.types.DataTypes.BooleanType, true);

    /** The audit job's {@code findings} table: the columns of {@code pacscluster audit}'s CSV. */
    static final StructType FINDINGS = new StructType()
            .add("id", StringType, false)
            .add("source", StringType, false)
            .add("tag", StringType, false)
            .add("current", StringType, false)
            .add("suggested", StringType, false)
            .add("reason", StringType, false)
            .add("confidence", DoubleType, false)
            .add("cluster", IntegerType, false)
            .add("probability", DoubleType, false)
            .add("cluster_purity", DoubleType, false);

    private static StructType withDecodingColumns() {
        StructType t = new StructType().add("key", StringType, false);
        for (var f : IMAGES.fields()) t = t.add(f.name(), f.dataType(), true);
        return t.add("rejected_reason", StringType, true);
    }
}
