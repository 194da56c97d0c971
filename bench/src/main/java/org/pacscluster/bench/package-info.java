/**
 * {@code pacscluster bench}: times each workload in our code (in-process) and in the Python reference stack
 * (PyTorch, scikit-learn, scikit-image, pydicom; scripts under {@code bench/python/}) on the same data in the same run,
 * and reports throughput, the ratio ours/theirs and whether the project's speed goal is met; plus a memory mode
 * that measures the peak RSS of ingest + embedding against the number of images.
 *
 * <p>Data is exchanged through float32 {@code .npy} files that the Java side writes into a scratch folder from a
 * dataset it ingested itself with the real ingest code, so both sides see identical pixels.
 */
package org.pacscluster.bench;
