/**
 * pacscluster on Apache Spark: the single-JVM pipeline (decode, preprocess, embed, assign, audit) run per partition
 * with the core's own code, so that an archive of millions of images is ingested, predicted and audited on a
 * cluster with the same answers as {@code pacscluster ingest/predict/audit} on one machine.
 *
 * <p>The jobs ({@link org.pacscluster.spark.IngestJob}, {@link org.pacscluster.spark.AssignJob}: ingest, predict,
 * audit) are plain methods over a {@code SparkSession}; the commands of
 * {@code pacscluster spark ...} ({@link org.pacscluster.spark.SparkCommand}) build the session (an embedded
 * {@code local[*]} master, or the one spark-submit gives) and call them. Inputs are read by
 * {@link org.pacscluster.spark.Inputs}: DICOM files on any Hadoop-compatible path, a PACS over DICOMweb, a Parquet
 * dataset written by the ingest job, or a dataset folder of the single-JVM ingest. A model folder travels to the
 * executors as a broadcast and is loaded once per executor JVM ({@link org.pacscluster.spark.ShippedModel}).
 * {@link org.pacscluster.spark.FitJob} fits the fixed-feature methods with Spark ML's k-means on the distributed
 * embedding and writes the core's model folder.
 */
package org.pacscluster.spark;
