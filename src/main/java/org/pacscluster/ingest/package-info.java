/**
 * Sources of images (DICOM folders, image folders and ZIPs with a labels CSV, PACS) behind one ImageSource interface, and the Ingestor that streams them into a dataset, skipping and reporting bad files and resuming an interrupted run.
 */
package org.pacscluster.ingest;
