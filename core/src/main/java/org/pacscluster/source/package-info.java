/**
 * Where images come from, before any dataset exists: the {@link org.pacscluster.source.ImageSource} interface
 * (one image at a time, with a stable id and the reason when it cannot be read), and the local sources — DICOM
 * folders, image folders and ZIPs with a labels CSV. The PACS source ({@code pacs}) implements the same interface;
 * {@code ingest} picks one and streams it into a dataset.
 */
package org.pacscluster.source;
