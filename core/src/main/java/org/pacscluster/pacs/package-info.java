/**
 * Reading from a PACS over DICOMweb: QIDO-RS search, WADO-RS retrieval of original bytes, authentication, retries and resumable ingest. Read-only by design.
 */
package org.pacscluster.pacs;
