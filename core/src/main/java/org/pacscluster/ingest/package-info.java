/**
 * Turns a source into a dataset: {@link org.pacscluster.ingest.Sources} picks the source for a location (folder,
 * ZIP, {@code dicomweb+http(s)://} PACS) and {@link org.pacscluster.ingest.Ingestor} streams it into a dataset
 * folder, skipping and reporting bad images and resuming an interrupted run.
 */
package org.pacscluster.ingest;
